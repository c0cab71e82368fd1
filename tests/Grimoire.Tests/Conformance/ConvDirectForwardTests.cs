using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>The forward pass of a stride-1 convolution whose output rows are as wide as the input's ("same" padding, odd
/// kernels, dilation 1 or 2) reads its columns straight from the image (DirectConvKernel512 / 256). Random such layers hit
/// its edges: output channels that do not fill a row panel (1-20: 8- and 6-row panels and the 12-row kernel's choice),
/// pixel counts that leave a partial or all-padding second vector of a tile, kernel positions whose lanes all fall in the
/// padding (kernels wider than the image), channel counts from 1, groups and the bias; against the reference kernel.</summary>
public sealed class ConvDirectForwardTests
{
    private static readonly Gen<ConvolutionCases.Layer> Same =
        Gens.Zip3(Gens.Zip3(Gen.Choose(1, 2), Gen.Choose(1, 2), Gen.Choose(1, 9)),
                Gens.Zip3(Gen.Choose(1, 20), Gen.Choose(1, 19), Gen.Choose(1, 19)),
                Gens.Zip3(Gen.Elements(1, 3, 5), Gen.Elements(1, 3, 5), Gen.Choose(1, 2)))
            .Select(p => new ConvolutionCases.Layer(p.Item1.Item1, p.Item1.Item2, p.Item1.Item3, p.Item2.Item1, p.Item2.Item2, p.Item2.Item3,
                p.Item3.Item1, p.Item3.Item2, 1, p.Item3.Item3 * (p.Item3.Item2 - 1) / 2, p.Item3.Item3))
            .Where(l => l.Fits && l.OutW == l.W);

    public static IEnumerable<TestCaseData> Kernels() => KernelCases.Where(k => k.Op == OpNames.Conv2d && k.DType == DType.Float32, "Direct");

    [TestCaseSource(nameof(Kernels))]
    public void MatchesReferenceOnSameLayers(string op, DType dtype, string variant) =>
        KernelConformanceTests.MatchReference(KernelCases.Runnable(op, dtype, variant), ConvolutionCases.Of(op, dtype, Same), cases: 40);
}
