using FsCheck;
using FsCheck.Fluent;
using Grimoire.Cpu.Convolution;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>AVX-512's weight gradient for few output channels (PixelLaneWeightGradient512): pixels along the vector, 6 taps x
/// 4 outputs per tile, dy read in place, the lanes summed once per call. Only layers the path is chosen for are drawn: 1-40
/// output channels (a partial 4-output tile), taps leaving a partial 6-tap tile, output rows of 9-40 pixels (a masked
/// last chunk of 1-15 pixels, or none), strides 1-2, padding 0-2, dilation 1-2, groups, batch 1; batches of 7-9 larger
/// images span several of its image blocks. Against the reference kernel.</summary>
public sealed class ConvWeightGradientPixelLaneTests
{
    private static readonly Gen<ConvolutionCases.Layer> Edges =
        Gens.Zip3(Gens.Zip3(Gen.Choose(1, 3), Gen.Choose(1, 2), Gen.Choose(1, 4)),
                Gens.Zip3(Gen.Choose(1, 40), Gen.Choose(1, 9), Gen.Choose(9, 44)),
                Gens.Zip3(Gen.Zip(Gen.Choose(1, 4), Gen.Choose(1, 4)), Gen.Zip(Gen.Choose(1, 2), Gen.Choose(0, 2)), Gen.Choose(1, 2)))
            .Select(p => new ConvolutionCases.Layer(p.Item1.Item1, p.Item1.Item2, p.Item1.Item3, p.Item2.Item1, p.Item2.Item2, p.Item2.Item3,
                p.Item3.Item1.Item1, p.Item3.Item1.Item2, p.Item3.Item2.Item1, p.Item3.Item2.Item2, p.Item3.Item3))
            .Where(PixelLanes);

    // 16 channels of 32 x 32 and 16 outputs: about 140 KiB of padded image and dy each, so 7-9 images fill several
    // half-L2 blocks on any L2 of 1 MiB or less.
    private static readonly Gen<ConvolutionCases.Layer> ManyImages =
        Gen.Zip(Gen.Choose(7, 9), Gen.Elements(16, 18)).Select(p => new ConvolutionCases.Layer(p.Item1, 1, 16, p.Item2, 32, 32, 3, 3, 1, 1, 1)).Where(PixelLanes);

    public static IEnumerable<TestCaseData> Kernels() =>
        KernelCases.Where(k => k.Op == OpNames.Conv2dBackwardWeight && k.DType == DType.Float32 && k.Variant == "avx512", "PixelLanes");

    [TestCaseSource(nameof(Kernels))]
    public void MatchesReferenceAtTheTilesEdges(string op, DType dtype, string variant) =>
        KernelConformanceTests.MatchReference(KernelCases.Runnable(op, dtype, variant), ConvolutionCases.Of(op, dtype, Edges), cases: 24);

    [TestCaseSource(nameof(Kernels))]
    public void MatchesReferenceAcrossImageBlocks(string op, DType dtype, string variant) =>
        KernelConformanceTests.MatchReference(KernelCases.Runnable(op, dtype, variant), ConvolutionCases.Of(op, dtype, ManyImages), cases: 2);

    [Test]
    public void IsChosenWhereItPadsLeast()
    {
        Assert.That(PixelLanes(new ConvolutionCases.Layer(64, 1, 3, 16, 32, 32, 3, 3, 1, 1, 1)), Is.True, "16 outputs over 32-pixel rows");
        Assert.That(PixelLanes(new ConvolutionCases.Layer(64, 1, 64, 64, 8, 8, 3, 3, 1, 1, 1)), Is.False, "64 outputs fill the 64-channel tile");
        Assert.That(PixelLanes(new ConvolutionCases.Layer(64, 1, 3, 16, 4, 4, 3, 3, 1, 1, 1)), Is.False, "4-pixel rows fill a quarter of the lanes");
    }

    private static bool PixelLanes(ConvolutionCases.Layer l) =>
        l.Fits && ConvKernels.Avx512WeightGradient(new ConvAttributes(
            new UnfoldGeometry(l.N, l.Groups * l.CinPerGroup, l.H, l.W, l.Kh, l.Kw, l.Stride, l.Padding, l.Dilation), l.Groups * l.CoutPerGroup, l.Groups)) == WeightGradientPath.PixelLanes;
}
