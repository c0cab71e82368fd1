using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Tests.Conformance;

/// <summary>Random values never hit NaN, infinities or out-of-range magnitudes; every cast kernel must
/// saturate them exactly as the reference does (NaN to 0, clamping to the int32 range).</summary>
public class CastEdgeValueTests
{
    private static readonly float[] EdgeValues = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e9f, -3e9f, 2.7f, -2.7f, -0f, 2147483520f];
    private static readonly int[] EdgeValuesAsInt32 = [0, int.MaxValue, int.MinValue, int.MaxValue, int.MinValue, 2, -2, 0, 2147483520];

    // Repeated past 64 elements so vectorised loops, not only their scalar tails, see every value.
    private const int Repeats = 8;
    private static readonly float[] Edges = Repeat(EdgeValues);

    private static T[] Repeat<T>(T[] values) => Enumerable.Repeat(values, Repeats).SelectMany(v => v).ToArray();

    private static IEnumerable<string> CastVariants() =>
        KernelRegistry.All.Where(k => k.Info.Op == OpNames.Cast && k.Info.DType == DType.Float32 && k.Info.IsUsable && k.Info.Device == "cpu")
            .Select(k => k.Info.Variant);

    [TestCaseSource(nameof(CastVariants))]
    public void Float32ToInt32Saturates(string variant)
    {
        using var forced = KernelRegistry.Force(OpNames.Cast, variant);
        using var x = Tensor.FromArray(Edges);
        using var y = x.To(DType.Int32);
        Assert.That(y.ToArray<int>(), Is.EqualTo(Repeat(EdgeValuesAsInt32)));
    }

    [TestCaseSource(nameof(CastVariants))]
    public void Float32ToFloat64KeepsSpecialValues(string variant)
    {
        using var forced = KernelRegistry.Force(OpNames.Cast, variant);
        using var x = Tensor.FromArray(Edges);
        using var y = x.To(DType.Float64);
        Assert.That(y.ToArray<double>(), Is.EqualTo(Edges.Select(v => (double)v).ToArray()));
    }
}
