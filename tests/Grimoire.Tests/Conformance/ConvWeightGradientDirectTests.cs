using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>The weight gradient reads padded copies of the images in place (PaddedPhases, WeightGradientKernels): on AVX2
/// always, on AVX-512 for 64 or more output channels per group. Random layers hit its edges: tap counts that leave a
/// partial 6-row tile, output channels that leave a partial 16- or 64-column tile (1-20 and 60-70), odd image sizes, kernels 1-4 (not square too),
/// strides 1-3 (phases of unequal size), padding 0-3, dilation 1-2, groups, batch 1; and batches of 7-13 images that span
/// two or three of its image blocks (a block is half of L2: six of these images with 1 MiB). Against the reference kernel.</summary>
public sealed class ConvWeightGradientDirectTests
{
    private static readonly Gen<ConvolutionCases.Layer> Edges =
        Gens.Zip3(Gens.Zip3(Gen.Choose(1, 3), Gen.Choose(1, 2), Gen.Choose(1, 5)),
                Gens.Zip3(Gen.OneOf(Gen.Choose(1, 20), Gen.Choose(60, 70)), Gen.Choose(1, 13), Gen.Choose(1, 13)),
                Gens.Zip3(Gen.Zip(Gen.Choose(1, 4), Gen.Choose(1, 4)), Gen.Zip(Gen.Choose(1, 3), Gen.Choose(0, 3)), Gen.Choose(1, 2)))
            .Select(p => new ConvolutionCases.Layer(p.Item1.Item1, p.Item1.Item2, p.Item1.Item3, p.Item2.Item1, p.Item2.Item2, p.Item2.Item3,
                p.Item3.Item1.Item1, p.Item3.Item1.Item2, p.Item3.Item2.Item1, p.Item3.Item2.Item2, p.Item3.Item3))
            .Where(l => l.Fits);

    private static readonly Gen<ConvolutionCases.Layer> ManyImages =
        Gen.Zip(Gen.Choose(7, 13), Gen.Elements(64, 67)).Select(p => new ConvolutionCases.Layer(p.Item1, 1, 2, p.Item2, 17, 17, 3, 3, 1, 1, 1));

    public static IEnumerable<TestCaseData> Kernels() => KernelCases.Where(k => k.Op == OpNames.Conv2dBackwardWeight && k.DType == DType.Float32, "PaddedImages");

    [TestCaseSource(nameof(Kernels))]
    public void MatchesReferenceAtTheTilesEdges(string op, DType dtype, string variant) =>
        KernelConformanceTests.MatchReference(KernelCases.Runnable(op, dtype, variant), ConvolutionCases.Of(op, dtype, Edges), cases: 30);

    [TestCaseSource(nameof(Kernels))]
    public void MatchesReferenceAcrossImageBlocks(string op, DType dtype, string variant) =>
        KernelConformanceTests.MatchReference(KernelCases.Runnable(op, dtype, variant), ConvolutionCases.Of(op, dtype, ManyImages), cases: 3);
}
