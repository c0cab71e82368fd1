using System.Numerics;
using System.Runtime.CompilerServices;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>Max pooling and its gradient, planes (image, channel) in parallel. Each window is clipped to the image
/// once, so the inner loops carry no padding tests, and the loops read the geometry from locals (reading it from the
/// attribute record inside the loops took 1.7x as long; see <see cref="PoolWindows"/>). No comparison picks a branch: on random data it is a coin
/// flip, and the mispredictions cost more than the window's reads (a branching version was 5x slower). The backward pass finds each window's
/// maximum by matching the pooled value against the window (a few reads) rather than keeping an index tensor.</summary>
internal static unsafe class MaxPool<T> where T : unmanaged, INumber<T>
{
    public static void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var g = (UnfoldGeometry)attributes!;
        var (x, y) = ((nint)inputs[0].HostPointer<T>(), (nint)output.HostPointer<T>());
        PoolWindows.ForEachPlane(g, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (plane, w) =>
        {
            var src = (T*)x + (long)plane * w.Height * w.Width;
            var dst = (T*)y + (long)plane * w.OutHeight * w.OutWidth;
            for (var oy = 0; oy < w.OutHeight; oy++)
            {
                var (y0, y1) = w.Rows(oy);
                for (var ox = 0; ox < w.OutWidth; ox++)
                {
                    var (x0, x1) = w.Columns(ox);
                    dst[oy * w.OutWidth + ox] = MaximumOf(src, w.Width, y0, y1, x0, x1);
                }
            }
        });
    }

    /// <summary>Inputs: gradient [n, c, ho, wo], x [n, c, h, w] and pooled y [n, c, ho, wo]; the output arrives zeroed.</summary>
    public static void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var g = (UnfoldGeometry)attributes!;
        var (grad, x, pooled, dx) = ((nint)inputs[0].HostPointer<T>(), (nint)inputs[1].HostPointer<T>(), (nint)inputs[2].HostPointer<T>(), (nint)output.HostPointer<T>());
        PoolWindows.ForEachPlane(g, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (plane, w) =>
        {
            var pixels = (long)plane * w.Height * w.Width;
            var windows = (long)plane * w.OutHeight * w.OutWidth;
            T* src = (T*)x + pixels, dst = (T*)dx + pixels;
            T* gradient = (T*)grad + windows, maxima = (T*)pooled + windows;
            for (var oy = 0; oy < w.OutHeight; oy++)
            {
                var (y0, y1) = w.Rows(oy);
                for (var ox = 0; ox < w.OutWidth; ox++)
                {
                    var (x0, x1) = w.Columns(ox);
                    var at = FirstEqual(src, w.Width, y0, y1, x0, x1, maxima[oy * w.OutWidth + ox]);
                    if (at >= 0) dst[at] += gradient[oy * w.OutWidth + ox];
                }
            }
        });
    }

    /// <summary>The window's maximum, NaN if it holds one (T.Max propagates NaN and compiles without a branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T MaximumOf(T* plane, int width, int y0, int y1, int x0, int x1)
    {
        var value = plane[y0 * width + x0];
        for (var iy = y0; iy < y1; iy++)
        for (var ix = x0; ix < x1; ix++)
            value = T.Max(value, plane[iy * width + ix]);
        return value;
    }

    /// <summary>Offset within the plane of the window's first pixel equal to <paramref name="target"/> (NaN matching
    /// NaN), or −1: a backward scan keeping the earliest hit, selected by mask (the JIT does not turn selects inside
    /// loops into conditional moves).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FirstEqual(T* plane, int width, int y0, int y1, int x0, int x1, T target)
    {
        var isNaN = T.IsNaN(target);
        var first = -1;
        for (var iy = y1 - 1; iy >= y0; iy--)
        for (var ix = x1 - 1; ix >= x0; ix--)
        {
            var at = iy * width + ix;
            var hit = plane[at] == target | (isNaN & T.IsNaN(plane[at]));
            first += (at - first) & -(int)Unsafe.As<bool, byte>(ref hit);
        }
        return first;
    }
}
