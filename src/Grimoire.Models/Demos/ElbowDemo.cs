using System.Globalization;
using Grimoire.Imaging;
using Grimoire.Ml.Data;
using Grimoire.Ml.Metrics;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Clustering;

namespace Grimoire.Models.Demos;

/// <summary>`grimoire demo elbow`: k-means for k = 1 … max with inertia and silhouette per k (book §4.4): the
/// elbow of the inertia curve and the silhouette's maximum both suggest a number of clusters.</summary>
public static class ElbowDemo
{
    /// <summary>Fits k-means with k = 1 … <paramref name="maxK"/> (seed <paramref name="seed"/>) on <paramref name="data"/>
    /// (a CSV path, a shipped data set or a generator spec, see <see cref="CsvDataset.Load"/>; the <paramref name="target"/>
    /// column, when named, is left out of the features) and writes a table of inertia and silhouette per k to
    /// <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="maxK"/> is not between 2 and the rows − 1.</exception>
    /// <exception cref="Grimoire.Ml.DataException">the data cannot be loaded.</exception>
    public static void Run(string data, string? target, int maxK, int seed, TextWriter output)
    {
        using var dataset = CsvDataset.Load(data, target);
        if (maxK < 2 || maxK > dataset.Rows - 1) throw new ArgumentException($"--max-k must be between 2 and {dataset.Rows - 1} (rows − 1), got {maxK}");
        var table = new TextTable(["k", "inertia", "silhouette"], 0, 1, 2);
        var best = (K: 0, Score: double.NegativeInfinity);
        for (var k = 1; k <= maxK; k++)
        {
            var fitted = new KMeans { NClusters = k, RandomState = seed }.Fit(dataset);
            var labels = fitted.Predict((InputMatrix)dataset.X);
            var score = k >= 2 && labels.Distinct().Count() >= 2 ? Silhouette.Score(dataset.X, labels) : double.NaN;
            if (score > best.Score) best = (k, score);
            table.Add(k.ToString(CultureInfo.InvariantCulture), fitted.Inertia.ToString("F3", CultureInfo.InvariantCulture), double.IsNaN(score) ? "–" : score.ToString("F4", CultureInfo.InvariantCulture));
        }
        output.WriteLine($"k-means on {dataset.Source} ({dataset.Rows} rows, {dataset.Features.Count} features), k-means++ starts, n_init 10, seed {seed}");
        table.WriteTo(output);
        output.WriteLine($"highest silhouette: k = {best.K}; look for the elbow where inertia stops falling steeply.");
    }
}
