using Grimoire.Ops;
using static Grimoire.Cpu.Reference.Element;

namespace Grimoire.Cpu.Reference;

/// <summary>Reference im2col, col2im and convolutions, straight from the definition: output pixel (oy, ox) of tap (i, j)
/// reads input (oy·s − p + i·d, ox·s − p + j·d) for dilation d, or zero outside the image. Sums are in double.</summary>
internal static class ReferenceConvolution
{
    public static void Unfold(Tensor x, Tensor y, UnfoldGeometry g)
    {
        foreach (var (xi, yi) in Pairs(g)) Set(y, yi, xi < 0 ? 0 : At(x, xi));
    }

    public static void Fold(Tensor cols, Tensor y, UnfoldGeometry g)
    {
        var acc = new double[y.Size];
        foreach (var (xi, ci) in Pairs(g))
        {
            if (xi >= 0) acc[xi] += At(cols, ci);
        }
        for (var i = 0; i < acc.Length; i++) Set(y, i, acc[i]);
    }

    /// <summary>(input index or −1 for padding, unfolded index) for every element of the unfolded matrix.</summary>
    private static IEnumerable<(int Input, int Unfolded)> Pairs(UnfoldGeometry g)
    {
        for (var n = 0; n < g.Batch; n++)
        for (var c = 0; c < g.Channels; c++)
        for (var i = 0; i < g.KernelHeight; i++)
        for (var j = 0; j < g.KernelWidth; j++)
        for (var oy = 0; oy < g.OutHeight; oy++)
        for (var ox = 0; ox < g.OutWidth; ox++)
        {
            var (iy, ix) = (oy * g.Stride - g.Padding + i * g.Dilation, ox * g.Stride - g.Padding + j * g.Dilation);
            var row = (c * g.KernelHeight + i) * g.KernelWidth + j;
            var unfolded = (n * g.Rows + row) * g.Columns + oy * g.OutWidth + ox;
            var inside = iy >= 0 && iy < g.Height && ix >= 0 && ix < g.Width;
            yield return (inside ? ((n * g.Channels + c) * g.Height + iy) * g.Width + ix : -1, unfolded);
        }
    }

    public static void Conv2d(ReadOnlySpan<Tensor> inputs, Tensor y, ConvAttributes a)
    {
        var (x, w) = (inputs[0], inputs[1]);
        var acc = new double[y.Size];
        if (inputs.Length > 2)
        {
            var plane = a.Window.Columns;
            for (var o = 0; o < acc.Length; o++) acc[o] = At(inputs[2], o / plane % a.OutChannels);
        }
        foreach (var (o, i, k) in Products(a)) acc[o] += At(x, i) * At(w, k);
        for (var o = 0; o < acc.Length; o++) Set(y, o, acc[o]);
    }

    public static void Conv2dBackwardInput(Tensor dy, Tensor w, Tensor dx, ConvAttributes a)
    {
        var acc = new double[dx.Size];
        foreach (var (o, i, k) in Products(a)) acc[i] += At(dy, o) * At(w, k);
        for (var i = 0; i < acc.Length; i++) Set(dx, i, acc[i]);
    }

    public static void Conv2dBackwardWeight(Tensor dy, Tensor x, Tensor dw, ConvAttributes a)
    {
        var acc = new double[dw.Size];
        foreach (var (o, i, k) in Products(a)) acc[k] += At(dy, o) * At(x, i);
        for (var k = 0; k < acc.Length; k++) Set(dw, k, acc[k]);
    }

    /// <summary>(output, input, weight) indices of every product a convolution sums: output pixel (n, oc, oy, ox) times
    /// weight (oc, ci, i, j) times the input pixel of its group's channel ci that tap (i, j) sees, when inside the image.</summary>
    private static IEnumerable<(int Output, int Input, int Weight)> Products(ConvAttributes a)
    {
        var g = a.Window;
        for (var n = 0; n < g.Batch; n++)
        for (var oc = 0; oc < a.OutChannels; oc++)
        for (var oy = 0; oy < g.OutHeight; oy++)
        for (var ox = 0; ox < g.OutWidth; ox++)
        for (var ci = 0; ci < a.InPerGroup; ci++)
        for (var i = 0; i < g.KernelHeight; i++)
        for (var j = 0; j < g.KernelWidth; j++)
        {
            var (iy, ix) = (oy * g.Stride - g.Padding + i * g.Dilation, ox * g.Stride - g.Padding + j * g.Dilation);
            if (iy < 0 || iy >= g.Height || ix < 0 || ix >= g.Width) continue;
            var channel = oc / a.OutPerGroup * a.InPerGroup + ci;
            yield return ((((n * a.OutChannels + oc) * g.OutHeight) + oy) * g.OutWidth + ox,
                ((n * g.Channels + channel) * g.Height + iy) * g.Width + ix,
                ((oc * a.InPerGroup + ci) * g.KernelHeight + i) * g.KernelWidth + j);
        }
    }
}
