using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>The weight gradient reads padded copies of the images in place (PaddedPhases, WeightGradientKernels): on AVX2
/// always, on AVX-512 for 64 or more output channels per group. <see cref="ConvolutionCases.TileEdges"/> hits its edges
/// (partial 6-row and 16- or 64-column tiles, the padded copy's strides and odd widths, batch 1); batches of 7-13 images
/// span two or three of its image blocks (a block is half of L2: six of these images with 1 MiB). Against the reference
/// kernel.</summary>
public sealed class ConvWeightGradientDirectTests
{
    private static readonly Gen<ConvolutionCases.Layer> ManyImages =
        Gen.Zip(Gen.Choose(7, 13), Gen.Elements(64, 67)).Select(p => new ConvolutionCases.Layer(p.Item1, 1, 2, p.Item2, 17, 17, 3, 3, 1, 1, 1));

    public static IEnumerable<TestCaseData> Kernels() => KernelCases.Where(k => k.Op == OpNames.Conv2dBackwardWeight && k.DType == DType.Float32, "PaddedImages");

    [TestCaseSource(nameof(Kernels))]
    public void MatchesReferenceAtTheTilesEdges(string op, DType dtype, string variant) =>
        KernelConformanceTests.MatchReference(KernelCases.Runnable(op, dtype, variant), ConvolutionCases.Of(op, dtype, ConvolutionCases.TileEdges), cases: 24);

    [TestCaseSource(nameof(Kernels))]
    public void MatchesReferenceAcrossImageBlocks(string op, DType dtype, string variant) =>
        KernelConformanceTests.MatchReference(KernelCases.Runnable(op, dtype, variant), ConvolutionCases.Of(op, dtype, ManyImages), cases: 3);
}
