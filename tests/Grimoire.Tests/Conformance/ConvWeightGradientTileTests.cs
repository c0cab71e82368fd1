using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>The weight gradient packs as many taps into one tile as 256 KiB hold, in equal row blocks, so only layers
/// with several hundred taps over a few hundred pixels cut the taps into several blocks; the conformance suite's layers
/// rarely do. These 5x5 layers over 20x20 pixels ("same" padding: two 200-pixel depth blocks, at most 315 taps a row
/// block on AVX-512, 163 on AVX2) have 350-500 taps in two to four uneven row blocks, and 3 or 70 output channels (the
/// wide kernel's whole tile and both of its edges); against the reference kernel.</summary>
public sealed class ConvWeightGradientTileTests
{
    private static readonly Gen<ConvolutionCases.Layer> ManyTaps =
        Gen.Zip(Gen.Choose(14, 20), Gen.Elements(3, 70)).Select(p => new ConvolutionCases.Layer(1, 1, p.Item1, p.Item2, 20, 20, 5, 5, 1, 2, 1));

    public static IEnumerable<TestCaseData> Kernels() => KernelCases.Where(k => k.Op == OpNames.Conv2dBackwardWeight && k.DType == DType.Float32, "Tiles");

    [TestCaseSource(nameof(Kernels))]
    public void MatchesReferenceAcrossRowBlocks(string op, DType dtype, string variant) =>
        KernelConformanceTests.MatchReference(KernelCases.Runnable(op, dtype, variant), ConvolutionCases.Of(op, dtype, ManyTaps), cases: 4);
}
