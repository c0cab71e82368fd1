using Grimoire.Ops;
using static Grimoire.Cpu.Reference.Element;

namespace Grimoire.Cpu.Reference;

/// <summary>Reference max and average pooling and their gradients, straight from the definition: window (oy, ox) covers
/// input rows oy·s − p … oy·s − p + k − 1 (and likewise columns), clipped to the image. The maximum is NaN if the window
/// holds one; the gradient goes to the window's first pixel (row-major) equal to the given pooled value. The average
/// divides the window's sum by k·k, or by its pixels inside the image without count_include_pad.</summary>
internal static class ReferencePooling
{
    public static void MaxPool(Tensor x, Tensor y, UnfoldGeometry g)
    {
        foreach (var (window, pixels) in Windows(g))
        {
            var max = pixels.Select(p => At(x, p)).Aggregate(double.NegativeInfinity, (m, v) => double.IsNaN(m) || double.IsNaN(v) ? double.NaN : Math.Max(m, v));
            Set(y, window, max);
        }
    }

    public static void MaxPoolBackward(Tensor grad, Tensor x, Tensor pooled, Tensor dx, UnfoldGeometry g)
    {
        var acc = new double[dx.Size];
        foreach (var (window, pixels) in Windows(g))
        {
            var target = At(pooled, window);
            var first = pixels.Where(p => At(x, p) == target || double.IsNaN(target) && double.IsNaN(At(x, p))).DefaultIfEmpty(-1).First();
            if (first >= 0) acc[first] += At(grad, window);
        }
        for (var i = 0; i < acc.Length; i++) Set(dx, i, acc[i]);
    }

    public static void AvgPool(Tensor x, Tensor y, AvgPoolAttributes a)
    {
        foreach (var (window, pixels) in Windows(a.Window)) Set(y, window, pixels.Sum(p => At(x, p)) / Divisor(a, pixels));
    }

    public static void AvgPoolBackward(Tensor grad, Tensor dx, AvgPoolAttributes a)
    {
        var acc = new double[dx.Size];
        foreach (var (window, pixels) in Windows(a.Window))
        {
            foreach (var p in pixels) acc[p] += At(grad, window) / Divisor(a, pixels);
        }
        for (var i = 0; i < acc.Length; i++) Set(dx, i, acc[i]);
    }

    private static double Divisor(AvgPoolAttributes a, List<int> pixels) =>
        a.CountIncludePad ? a.Window.KernelHeight * a.Window.KernelWidth : pixels.Count;

    /// <summary>(window index in [n, c, ho, wo], its pixels' indices in [n, c, h, w] in row-major order) for every window.</summary>
    private static IEnumerable<(int Window, List<int> Pixels)> Windows(UnfoldGeometry g)
    {
        for (var n = 0; n < g.Batch; n++)
        for (var c = 0; c < g.Channels; c++)
        for (var oy = 0; oy < g.OutHeight; oy++)
        for (var ox = 0; ox < g.OutWidth; ox++)
        {
            var pixels = new List<int>();
            for (var i = 0; i < g.KernelHeight; i++)
            for (var j = 0; j < g.KernelWidth; j++)
            {
                var (iy, ix) = (oy * g.Stride - g.Padding + i, ox * g.Stride - g.Padding + j);
                if (iy >= 0 && iy < g.Height && ix >= 0 && ix < g.Width) pixels.Add(((n * g.Channels + c) * g.Height + iy) * g.Width + ix);
            }
            yield return (((n * g.Channels + c) * g.OutHeight + oy) * g.OutWidth + ox, pixels);
        }
    }
}
