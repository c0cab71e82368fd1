using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;

namespace Grimoire.Tests.Support;

/// <summary>Random calls of conv2d and its two gradient ops: batch, groups (depthwise included), channels per group, image,
/// kernel, stride, padding and dilation drawn small, plus a tenth of layers large enough to cross the fast kernels' cache
/// blocks (more than 256 taps, more output channels than an A block, many pixels) and their thread split.</summary>
public static class ConvolutionCases
{
    public sealed record Layer(int N, int Groups, int CinPerGroup, int CoutPerGroup, int H, int W, int Kh, int Kw, int Stride, int Padding, int Dilation)
    {
        public int OutH => (H + 2 * Padding - Dilation * (Kh - 1) - 1) / Stride + 1;

        public int OutW => (W + 2 * Padding - Dilation * (Kw - 1) - 1) / Stride + 1;

        public Shape Input => new(N, Groups * CinPerGroup, H, W);

        public Shape Weight => new(Groups * CoutPerGroup, CinPerGroup, Kh, Kw);

        public Shape Output => new(N, Groups * CoutPerGroup, OutH, OutW);

        public bool Fits => H + 2 * Padding >= Dilation * (Kh - 1) + 1 && W + 2 * Padding >= Dilation * (Kw - 1) + 1;

        public override string ToString() =>
            $"{Input} * {Weight} stride {Stride} padding {Padding} dilation {Dilation} groups {Groups}";
    }

    private static readonly Gen<Layer> Small =
        Gens.Zip3(Gens.Zip3(Gen.Choose(1, 3), Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(2, 3))), Gen.Zip(Gen.Choose(1, 4), Gen.Choose(1, 5))),
                Gens.Zip3(Gen.Choose(1, 13), Gen.Choose(1, 13), Gen.Zip(Gen.Choose(1, 5), Gen.Choose(1, 5))),
                Gens.Zip3(Gen.Choose(1, 3), Gen.Choose(0, 2), Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(2, 3)))))
            .Select(p => new Layer(p.Item1.Item1, p.Item1.Item2, p.Item1.Item3.Item1, p.Item1.Item3.Item2, p.Item2.Item1, p.Item2.Item2,
                p.Item2.Item3.Item1, p.Item2.Item3.Item2, p.Item3.Item1, p.Item3.Item2, p.Item3.Item3))
            .Where(l => l.Fits);

    private static readonly Gen<Layer> Large = Gen.Elements(
        new Layer(2, 1, 32, 20, 11, 13, 3, 3, 1, 1, 1),
        new Layer(1, 1, 3, 200, 9, 40, 3, 3, 1, 1, 1),
        new Layer(3, 2, 12, 8, 17, 9, 5, 5, 2, 2, 1),
        new Layer(1, 1, 4, 8, 80, 80, 3, 3, 1, 1, 1),
        new Layer(4, 8, 1, 1, 15, 15, 3, 3, 1, 1, 2));

    public static readonly Gen<Layer> Layers = Gen.Frequency((9, Small), (1, Large));

    /// <summary>Layers at the edges of the kernels that read padded images (AVX2's forward pass, the weight gradient): tap counts
    /// that leave a partial 6-row tile, output channels that leave a partial 6-row panel or 16- or 64-column tile (1-20 and
    /// 60-70), odd image sizes (widths to 21: partial 8-pixel segments, the stride-2 copy's 8-pair vectors and its
    /// odd-padding first column), kernels 1-4 (not square too), strides 1-3 (phases of unequal size), padding 0-3, dilation
    /// 1-2, groups, batch 1.</summary>
    public static readonly Gen<Layer> TileEdges =
        Gens.Zip3(Gens.Zip3(Gen.Choose(1, 3), Gen.Choose(1, 2), Gen.Choose(1, 5)),
                Gens.Zip3(Gen.OneOf(Gen.Choose(1, 20), Gen.Choose(60, 70)), Gen.Choose(1, 13), Gen.Choose(1, 21)),
                Gens.Zip3(Gen.Zip(Gen.Choose(1, 4), Gen.Choose(1, 4)), Gen.Zip(Gen.Choose(1, 3), Gen.Choose(0, 3)), Gen.Choose(1, 2)))
            .Select(p => new Layer(p.Item1.Item1, p.Item1.Item2, p.Item1.Item3, p.Item2.Item1, p.Item2.Item2, p.Item2.Item3,
                p.Item3.Item1.Item1, p.Item3.Item1.Item2, p.Item3.Item2.Item1, p.Item3.Item2.Item2, p.Item3.Item3))
            .Where(l => l.Fits);

    public static void AddTo(Dictionary<string, Func<DType, Gen<OpCase>>> cases)
    {
        foreach (var op in new[] { OpNames.Conv2d, OpNames.Conv2dBackwardInput, OpNames.Conv2dBackwardWeight })
            cases[op] = dt => Of(op, dt, Layers);
    }

    /// <summary>Random calls of <paramref name="op"/> (conv2d or one of its gradient ops) on <paramref name="layers"/>.</summary>
    public static Gen<OpCase> Of(string op, DType dt, Gen<Layer> layers) => op switch
    {
        OpNames.Conv2d => layers.SelectMany(l => Gen.Zip(Gens.Zip3(Gens.Tensor(l.Input, dt), Gens.Tensor(l.Weight, dt), Gens.Tensor(new Shape(l.Weight[0]), dt)), Gen.Elements(true, false))
            .Select(t => new OpCase(OpNames.Conv2d, t.Item2 ? [t.Item1.Item1, t.Item1.Item2, t.Item1.Item3] : [t.Item1.Item1, t.Item1.Item2],
                x => x[0].Conv2d(x[1], t.Item2 ? x[2] : null, l.Stride, l.Padding, l.Dilation, l.Groups), $"conv2d({l}, {(t.Item2 ? "bias" : "no bias")})"))),
        OpNames.Conv2dBackwardInput => layers.SelectMany(l => Gen.Zip(Gens.Tensor(l.Output, dt), Gens.Tensor(l.Weight, dt))
            .Select(t => new OpCase(OpNames.Conv2dBackwardInput, [t.Item1, t.Item2],
                x => Tensor.Conv2dBackwardInput(x[0], x[1], l.Input, l.Stride, l.Padding, l.Dilation, l.Groups), $"conv2d_backward_input({l})"))),
        OpNames.Conv2dBackwardWeight => layers.SelectMany(l => Gen.Zip(Gens.Tensor(l.Output, dt), Gens.Tensor(l.Input, dt))
            .Select(t => new OpCase(OpNames.Conv2dBackwardWeight, [t.Item1, t.Item2],
                x => Tensor.Conv2dBackwardWeight(x[0], x[1], l.Weight, l.Stride, l.Padding, l.Dilation, l.Groups), $"conv2d_backward_weight({l})"))),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a convolution op"),
    };

    /// <summary>The longest sum behind one output element of a convolution op's case: a weight's taps (conv2d), an input
    /// pixel's output channels times kernel taps at most (input gradient), or the batch's output pixels (weight gradient).</summary>
    public static int ReductionLength(OpCase c) => c.Op switch
    {
        OpNames.Conv2d => c.Inputs[1].Shape.Size / Math.Max(1, c.Inputs[1].Shape[0]) + 1,
        OpNames.Conv2dBackwardInput => c.Inputs[1].Shape[0] * c.Inputs[1].Shape[2] * c.Inputs[1].Shape[3],
        _ => c.Inputs[0].Shape.Size / Math.Max(1, c.Inputs[0].Shape[1]),
    };
}
