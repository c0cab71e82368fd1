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

    private static IEnumerable<TestCaseData> MseKernels() => KernelCases.Where(k => k.Op == OpNames.Mse, "Long mean squared error of equal values");

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

    /// <summary>mse sums its squared differences the same way: 240054 equal terms (the shape that once failed on the
    /// simulator, whose per-thread chains of 15000 plain float adds strayed 8.7e-5 relative). Differences of 3.103 and
    /// 3.18 square to values whose plain float running sums drift by 1.9e-4 and 1.4e-4 over 15000 terms.</summary>
    [TestCaseSource(nameof(MseKernels))]
    public void MeanSquaredErrorOfEqualValues(string op, DType dtype, string variant)
    {
        var device = KernelCases.Runnable(op, dtype, variant).Info.Device;
        var shape = new Shape(2, 3, 40009);
        var broadcast = new ViewLayout([0, 1, 2], [1, 1, 1], [0, 0, 0], [true, true, true]);
        TensorSpec Equal(double value) => new(shape, [.. Enumerable.Repeat(value, shape.Size)], dtype, broadcast);
        foreach (var (a, b) in new[] { (0.7, -2.403), (-1.37, 1.81) })
        {
            var mse = new OpCase(OpNames.Mse, [Equal(a), Equal(b)], t => t[0].Mse(t[1]), $"mse of 240054 equal differences {a} - {b}");
            var (actual, expected) = mse.AgainstReference(variant, new Device(device));
            Compare.Within(actual.Values, expected.Values, Tolerances.For(OpNames.Mse, dtype, shape.Size), mse.ToString());
        }
    }
}
