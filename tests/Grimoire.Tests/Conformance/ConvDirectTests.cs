using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>The forward pass of a convolution whose output rows are as wide as the input's phase rows ("same" padding, odd
/// kernels, dilation 1 or 2, stride 1 or 2) reads its columns straight from the image (or its stride phases) on AVX-512
/// (DirectConvKernel512), and a stride-1 such layer with a square kernel has its input gradient computed as the forward
/// pass of the flipped convolution
/// (FlippedConvolution). Random such layers hit the edges: output (and, for dx, input) channels that do not fill a row
/// panel (1-20: the 8-row panels and the 12-row kernel's choice), pixel counts that leave a partial or all-padding second
/// vector of a tile, kernel positions whose lanes all fall in the padding (kernels wider than the image), channel counts
/// from 1, groups and the bias; against the reference kernel. (AVX2 reads these layers from padded images,
/// PaddedConvForward256, and runs the same flipped input gradient through that; its cases check those paths on them.)</summary>
public sealed class ConvDirectTests
{
    private static readonly Gen<ConvolutionCases.Layer> Same =
        Gens.Zip3(Gens.Zip3(Gen.Choose(1, 2), Gen.Choose(1, 2), Gen.Choose(1, 20)),
                Gens.Zip3(Gen.Choose(1, 20), Gen.Choose(1, 19), Gen.Choose(1, 19)),
                Gens.Zip3(Gen.Elements(1, 3, 5), Gen.Elements(1, 3, 5), Gen.Zip(Gen.Choose(1, 2), Gen.Choose(1, 2))))
            .Select(p => new ConvolutionCases.Layer(p.Item1.Item1, p.Item1.Item2, p.Item1.Item3, p.Item2.Item1, p.Item2.Item2, p.Item2.Item3,
                p.Item3.Item1, p.Item3.Item2, p.Item3.Item3.Item1, p.Item3.Item3.Item2 * (p.Item3.Item2 - 1) / 2, p.Item3.Item3.Item2))
            .Where(l => l.Fits && l.OutW == (l.W + l.Stride - 1) / l.Stride);

    public static IEnumerable<TestCaseData> Forward() => KernelCases.Where(k => k.Op == OpNames.Conv2d && k.DType == DType.Float32, "Direct");

    public static IEnumerable<TestCaseData> InputGradient() => KernelCases.Where(k => k.Op == OpNames.Conv2dBackwardInput && k.DType == DType.Float32, "Flipped");

    [TestCaseSource(nameof(Forward))]
    public void ForwardMatchesReferenceOnSameLayers(string op, DType dtype, string variant) =>
        KernelConformanceTests.MatchReference(KernelCases.Runnable(op, dtype, variant), ConvolutionCases.Of(op, dtype, Same), cases: 40);

    [TestCaseSource(nameof(InputGradient))]
    public void InputGradientMatchesReferenceOnSquareSameLayers(string op, DType dtype, string variant) =>
        KernelConformanceTests.MatchReference(KernelCases.Runnable(op, dtype, variant), ConvolutionCases.Of(op, dtype, Same.Where(l => l.Kh == l.Kw && l.Stride == 1)), cases: 40);
}
