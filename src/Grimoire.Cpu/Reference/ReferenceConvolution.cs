using Grimoire.Ops;
using static Grimoire.Cpu.Reference.Element;

namespace Grimoire.Cpu.Reference;

/// <summary>Reference im2col and col2im, straight from the definition: output pixel (oy, ox) of tap (i, j)
/// reads input (oy·s − p + i·d, ox·s − p + j·d) for dilation d, or zero outside the image.</summary>
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
}
