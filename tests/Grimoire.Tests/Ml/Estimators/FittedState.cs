using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Clustering;
using Grimoire.Ml.Models.Linear;
using Grimoire.Ml.Models.Logistic;

namespace Grimoire.Tests.Ml.Estimators;

/// <summary>Comparing two fits exactly: every saved array and metadata value (what a model file holds, so nothing
/// a fit reports is left out), and predictions through the typed API.</summary>
internal static class FittedState
{
    public static void AssertIdentical(IFittedModel expected, IFittedModel actual, string because)
    {
        Assert.That(actual.Model, Is.EqualTo(expected.Model), because);
        var (a, b) = (expected.Save(), actual.Save());
        Assert.That(b.Metadata, Is.EquivalentTo(a.Metadata), $"{because}: metadata");
        Assert.That(b.Arrays.Keys, Is.EquivalentTo(a.Arrays.Keys), because);
        foreach (var (name, array) in a.Arrays)
        {
            Assert.That(b.Arrays[name].Shape, Is.EqualTo(array.Shape), $"{because}: shape of {name}");
            Assert.That(b.Arrays[name].Values, Is.EqualTo(array.Values), $"{because}: {name}, bit for bit");
        }
    }

    /// <summary>The typed prediction of <paramref name="model"/> as numbers (cluster indices widened).</summary>
    public static double[] Predict(IFittedModel model, InputMatrix x) => model switch
    {
        LinearModel m => m.Predict(x),
        LogisticModel m => m.Predict(x),
        ClusterModel m => [.. m.Predict(x).Select(l => (double)l)],
        _ => throw new ArgumentException($"no typed prediction for {model.GetType().Name}"),
    };
}
