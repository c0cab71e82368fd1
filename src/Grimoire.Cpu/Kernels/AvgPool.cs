using System.Numerics;
using System.Runtime.CompilerServices;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>Average pooling and its gradient, planes (image, channel) in parallel, each window clipped to the image once
/// (<see cref="PoolWindows"/>) so the loops carry no padding tests. The divisor is the full window (count_include_pad) or
/// the clipped window's pixel count. The backward pass adds each window's share to its pixels; windows overlap when the
/// stride is below the window, so it accumulates into the zeroed output.</summary>
internal static unsafe class AvgPool<T> where T : unmanaged, INumber<T>
{
    public static void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var a = (AvgPoolAttributes)attributes!;
        var (x, y) = ((nint)inputs[0].HostPointer<T>(), (nint)output.HostPointer<T>());
        PoolWindows.ForEachPlane(a.Window, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (plane, w) =>
        {
            var src = (T*)x + (long)plane * w.Height * w.Width;
            var dst = (T*)y + (long)plane * w.OutHeight * w.OutWidth;
            for (var oy = 0; oy < w.OutHeight; oy++)
            {
                var (y0, y1) = w.Rows(oy);
                for (var ox = 0; ox < w.OutWidth; ox++)
                {
                    var (x0, x1) = w.Columns(ox);
                    var sum = T.Zero;
                    for (var iy = y0; iy < y1; iy++)
                    for (var ix = x0; ix < x1; ix++)
                        sum += src[iy * w.Width + ix];
                    dst[oy * w.OutWidth + ox] = sum / Divisor(a.CountIncludePad, w, y1 - y0, x1 - x0);
                }
            }
        });
    }

    /// <summary>Input: gradient [n, c, ho, wo]; the output [n, c, h, w] arrives zeroed.</summary>
    public static void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var a = (AvgPoolAttributes)attributes!;
        var (grad, dx) = ((nint)inputs[0].HostPointer<T>(), (nint)output.HostPointer<T>());
        PoolWindows.ForEachPlane(a.Window, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (plane, w) =>
        {
            var src = (T*)grad + (long)plane * w.OutHeight * w.OutWidth;
            var dst = (T*)dx + (long)plane * w.Height * w.Width;
            for (var oy = 0; oy < w.OutHeight; oy++)
            {
                var (y0, y1) = w.Rows(oy);
                for (var ox = 0; ox < w.OutWidth; ox++)
                {
                    var (x0, x1) = w.Columns(ox);
                    var share = src[oy * w.OutWidth + ox] / Divisor(a.CountIncludePad, w, y1 - y0, x1 - x0);
                    for (var iy = y0; iy < y1; iy++)
                    for (var ix = x0; ix < x1; ix++)
                        dst[iy * w.Width + ix] += share;
                }
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Divisor(bool countIncludePad, PoolWindows w, int rows, int columns) =>
        T.CreateTruncating(countIncludePad ? w.Size * w.Size : rows * columns);
}
