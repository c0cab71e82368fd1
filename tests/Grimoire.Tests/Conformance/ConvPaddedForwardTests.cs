using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>AVX2's forward pass reads padded copies of the images (PaddedConvForward256): 6-row weight panels over pairs of
/// 8-pixel output-row segments, a short segment's loads running past its pixels into the padding or the buffer's slack.
/// <see cref="ConvolutionCases.TileEdges"/> hits its edges (partial panels and segments, an odd last segment, the padded
/// copy's strides, batch 1 split into pixel blocks), with and without bias; against the reference kernel. The AVX-512
/// variant runs the same cases.</summary>
public sealed class ConvPaddedForwardTests
{
    public static IEnumerable<TestCaseData> Kernels() => KernelCases.Where(k => k.Op == OpNames.Conv2d && k.DType == DType.Float32, "PaddedForward");

    [TestCaseSource(nameof(Kernels))]
    public void MatchesReferenceAtTheTilesEdges(string op, DType dtype, string variant) =>
        KernelConformanceTests.MatchReference(KernelCases.Runnable(op, dtype, variant), ConvolutionCases.Of(op, dtype, ConvolutionCases.TileEdges), cases: 20);
}
