using System.Globalization;

namespace Grimoire.Ml.Models.Logistic;

/// <summary>The classes of a classification target: its distinct values in ascending order (as scikit-learn's
/// classes_), and each row's index among them. Any numbers work as labels, not just 0..k−1.</summary>
internal sealed record ClassLabels(double[] Classes, int[] Indices)
{
    public static ClassLabels Of(double[] target, string model, string? targetName)
    {
        var classes = target.Distinct().Order().ToArray();
        if (classes.Length < 2)
        {
            var found = classes.Length == 0 ? "no rows" : $"only the class {classes[0].ToString("R", CultureInfo.InvariantCulture)}";
            throw new ModelException($"{model} needs at least two classes in the target '{targetName}', but it has {found}");
        }
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        return new ClassLabels(classes, target.Select(v => index[v]).ToArray());
    }

    /// <summary>1 where the row's class is <paramref name="k"/>, else 0: the target of one one-vs-rest problem.</summary>
    public double[] Indicator(int k) => Indices.Select(i => i == k ? 1.0 : 0.0).ToArray();
}
