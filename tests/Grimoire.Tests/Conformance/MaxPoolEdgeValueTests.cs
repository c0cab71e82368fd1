using Grimoire.Kernels;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>Random images never hold NaN, infinities or signed zeros; every max-pooling kernel must treat them as the
/// reference does: a window holding NaN pools to NaN and passes its gradient to its first NaN, −∞ is an ordinary
/// value, and −0 ties with +0. The image is wide enough (40 windows a row) for the vector kernels' full chunks and tails.</summary>
public class MaxPoolEdgeValueTests
{
    private static readonly double[] EdgeValues = [double.NaN, double.NegativeInfinity, double.PositiveInfinity, -0.0, 0.0, 1.5, -2, double.NaN, 3];

    private static IEnumerable<TestCaseData> Kernels() =>
        KernelRegistry.All.Where(k => OpNames.Pooling.Contains(k.Info.Op) && k.Info.DType == DType.Float32 && k.Info.IsUsable && !k.Info.IsReference)
            .Select(k => new TestCaseData(k.Info.Op, k.Info.Variant, k.Info.Device).SetName($"Max pool edge values {k.Info.Op}:{k.Info.Variant}"));

    [TestCaseSource(nameof(Kernels))]
    public void MatchesTheReference(string op, string variant, string device)
    {
        var rng = new Random(7);
        var pixels = Enumerable.Range(0, 2 * 6 * 80).Select(_ => rng.Next(3) == 0 ? EdgeValues[rng.Next(EdgeValues.Length)] : (double)rng.Next(-3, 4)).ToArray();
        var image = new TensorSpec(new Shape(1, 2, 6, 80), pixels, DType.Float32);
        var gradient = new TensorSpec(new Shape(1, 2, 3, 40), [.. Enumerable.Range(0, 2 * 3 * 40).Select(_ => rng.NextDouble() * 2 - 1)], DType.Float32);
        var edges = new OpCase(op, [image, gradient], t => op == OpNames.MaxPool2d ? t[0].MaxPool2d(2) : Tensor.MaxPool2dBackward(t[1], t[0], t[0].MaxPool2d(2), 2), "2x2 pooling of edge values");
        var (actual, expected) = edges.AgainstReference(variant, new Device(device));
        Compare.Within(actual.Values, expected.Values, Tolerances.For(op, DType.Float32), $"{op}:{variant} on edge values");
    }
}
