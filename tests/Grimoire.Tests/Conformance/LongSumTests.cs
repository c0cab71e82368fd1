using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>Long sums of equal values, where rounding errors all lean one way instead of cancelling as they do on random
/// data: a broadcast input of 140003 equal values, summed along a row and down columns, and with infinities mixed in.
/// Every sum kernel must stay within its tolerance of the (compensated) reference.</summary>
public class LongSumTests
{
    private static IEnumerable<TestCaseData> Kernels() => KernelCases.Where(k => k.Op == OpNames.Sum, "Long sums of equal values");

    private static IEnumerable<TestCaseData> KernelsOnEdgeValues() => KernelCases.Where(k => k.Op == OpNames.Sum, "Sums through infinities and NaN");

    private static readonly (Shape Shape, int[] Axes, double Value)[] Cases =
    [
        (new Shape(140003), [0], -1.7453),
        (new Shape(3, 70001), [1], 0.1),
        (new Shape(70001, 3), [0], 0.1),
        (new Shape(40009, 2, 3), [0, 1], -2.9),
    ];

    [TestCaseSource(nameof(Kernels))]
    public void MatchTheReference(string op, DType dtype, string variant)
    {
        var device = KernelCases.Runnable(op, dtype, variant).Info.Device;
        foreach (var (shape, axes, value) in Cases)
        {
            var broadcast = new ViewLayout([.. Enumerable.Range(0, shape.Rank)], [.. Enumerable.Repeat(1, shape.Rank)], new int[shape.Rank], [.. Enumerable.Repeat(true, shape.Rank)]);
            var input = new TensorSpec(shape, [.. Enumerable.Repeat(value, shape.Size)], dtype, broadcast);
            var sum = new OpCase(OpNames.Sum, [input], t => t[0].Sum(axes), $"sum(axes=[{string.Join(",", axes)}]) of {value}");
            var (actual, expected) = sum.AgainstReference(variant, new Device(device));
            var length = axes.Aggregate(1, (p, a) => p * shape[a]);
            Compare.Within(actual.Values, expected.Values, Tolerances.For(OpNames.Sum, dtype, length), sum.ToString());
        }
    }

    [TestCaseSource(nameof(KernelsOnEdgeValues))]
    public void KeepInfinitiesAndNaN(string op, DType dtype, string variant)
    {
        var device = KernelCases.Runnable(op, dtype, variant).Info.Device;
        var values = Enumerable.Range(0, 3 * 5000).Select(i => i == 7 ? double.PositiveInfinity : i == 5000 + 9 ? double.NaN : i == 10000 + 3 ? double.NegativeInfinity : 1.0).ToArray();
        var input = new TensorSpec(new Shape(3, 5000), values, dtype);
        var (actual, expected) = new OpCase(OpNames.Sum, [input], t => t[0].Sum([1]), "row sums with inf, NaN and -inf").AgainstReference(variant, new Device(device));
        Assert.That(expected.Values[0], Is.EqualTo(double.PositiveInfinity));
        Assert.That(expected.Values[1], Is.NaN);
        Assert.That(expected.Values[2], Is.EqualTo(double.NegativeInfinity));
        Compare.Within(actual.Values, expected.Values, Tolerances.For(OpNames.Sum, dtype, 5000), $"sum:{variant}");
    }
}
