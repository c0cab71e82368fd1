using Grimoire.Kernels;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>Kernels that add many inputs into one output element (scatter_add with repeated indices, fold's
/// overlapping windows) must carry NaN and infinities through as the reference does. A float compare-and-swap loop that
/// compares values never ends once a NaN is in its target (ILGPU's CPU accelerator did so), so these inputs put
/// several NaN and infinite terms into the same outputs.</summary>
public class AccumulationEdgeValueTests
{
    private static readonly double[] EdgeValues = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 2.5, -1];

    private static IEnumerable<TestCaseData> Kernels() =>
        KernelRegistry.All.Where(k => (k.Info.Op == OpNames.ScatterAdd || k.Info.Op == OpNames.Fold) && k.Info.DType == DType.Float32 && k.Info.IsUsable && !k.Info.IsReference)
            .Select(k => new TestCaseData(k.Info.Op, k.Info.Variant, k.Info.Device).SetName($"Accumulation edge values {k.Info.Op}:{k.Info.Variant}"));

    [TestCaseSource(nameof(Kernels))]
    public void MatchesTheReference(string op, string variant, string device)
    {
        var rng = new Random(11);
        double Value() => rng.Next(4) == 0 ? EdgeValues[rng.Next(EdgeValues.Length)] : rng.NextDouble() * 2 - 1;
        var edges = op == OpNames.ScatterAdd ? ScatterIntoFewRows(Value, rng) : FoldOverlappingWindows(Value);
        var (actual, expected) = edges.AgainstReference(variant, new Device(device));
        Assert.That(expected.Values.Any(double.IsNaN), "the case puts a NaN into some output");
        Compare.Within(actual.Values, expected.Values, Tolerances.For(op, DType.Float32), $"{op}:{variant} on edge values");
    }

    /// <summary>60 rows of 3 scattered into 4 rows: every output row receives about 15 terms.</summary>
    private static OpCase ScatterIntoFewRows(Func<double> value, Random rng)
    {
        var source = new TensorSpec(new Shape(60, 3), [.. Enumerable.Range(0, 180).Select(_ => value())], DType.Float32);
        var indices = new TensorSpec(new Shape(60), [.. Enumerable.Range(0, 60).Select(_ => (double)rng.Next(4))], DType.Int32);
        return new OpCase(OpNames.ScatterAdd, [source, indices], t => t[0].ScatterAdd(0, t[1], 4), "scatter_add of 60 rows into 4");
    }

    /// <summary>3x3 windows at stride 1 over a 6x7 image: inner pixels sum nine column elements.</summary>
    private static OpCase FoldOverlappingWindows(Func<double> value)
    {
        var columns = new TensorSpec(new Shape(2, 2 * 9, 4 * 5), [.. Enumerable.Range(0, 2 * 18 * 20).Select(_ => value())], DType.Float32);
        return new OpCase(OpNames.Fold, [columns], t => t[0].Fold(6, 7, 3, 3), "fold of 3x3 windows over 6x7");
    }
}
