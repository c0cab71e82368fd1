using System.Diagnostics;
using System.Text.Json;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models;

namespace Grimoire.Benchmarks;

/// <summary>`ml-fit MODEL DATA.npy REPEATS [key=value …]`: the catalogue fit `grimoire fit --target y` runs, repeated
/// in one process as a library user runs it; prints {"seconds":[…],"objective":…} (the objective or inertia of the
/// last fit). benchmarks/ml/sklearn_vs_grimoire.py reads it for its in-process column.</summary>
public static class ClassicalFits
{
    public static void Run(string model, string path, int repeats, string[] settings)
    {
        using var data = NpyDataset.Load(path, target: "y");
        var plugin = ModelCatalogue.Find(model);
        var seconds = new List<double>();
        IFittedModel? fitted = null;
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            fitted = plugin.Fit(data, new ModelSettings(settings));
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        var objective = fitted switch
        {
            Grimoire.Ml.Models.Clustering.ClusterModel c => c.Inertia,
            Grimoire.Ml.Models.Linear.LinearModel l => l.Objective,
            Grimoire.Ml.Models.Logistic.LogisticModel g => g.Objective,
            _ => double.NaN,
        };
        Console.WriteLine(JsonSerializer.Serialize(new { seconds, objective }));
    }
}
