using System.Globalization;
using Grimoire.Imaging;
using Grimoire.Ml.BiasVariance;

namespace Grimoire.Models.Demos;

/// <summary>`grimoire demo bias-variance`: train vs test error as the polynomial degree grows (book §6.1).</summary>
public static class BiasVarianceDemo
{
    /// <summary>Runs the study with <paramref name="options"/> and writes its setup line, the table of train and test
    /// MSE per model and the best model to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">an option out of its range.</exception>
    public static void Run(BiasVarianceStudy.Options options, TextWriter output)
    {
        output.WriteLine($"y = sin(2πx) + N(0, {options.Noise.ToString(CultureInfo.InvariantCulture)}²); {options.TrainPoints} training and {options.TestPoints} test points; " +
                         $"gradient descent, {options.Steps} steps, lr {options.LearningRate.ToString(CultureInfo.InvariantCulture)}, seed {options.Seed}");
        var rows = BiasVarianceStudy.Run(options);
        var table = new TextTable(["model", "parameters", "train MSE", "test MSE"], 1, 2, 3);
        foreach (var r in rows) table.Add(r.Model, r.Parameters.ToString(CultureInfo.InvariantCulture), r.TrainMse.ToString("F4", CultureInfo.InvariantCulture), r.TestMse.ToString("F4", CultureInfo.InvariantCulture));
        table.WriteTo(output);
        var best = rows.MinBy(r => r.TestMse)!;
        output.WriteLine($"lowest test error: {best.Model}. Training error falls as the degree grows; test error falls while bias shrinks, then rises as the fit follows the noise (variance).");
    }
}
