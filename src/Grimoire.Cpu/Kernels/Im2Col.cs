using System.Numerics;
using System.Numerics.Tensors;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>im2col (unfold) and col2im (fold) by rows: for each (channel, tap, output row) the valid input
/// pixels form one run, a block copy (or add) when the stride is 1, with the padding columns zeroed around
/// it. Planes (image, channel) run in parallel. Data movement, so no per-ISA variants.</summary>
internal static unsafe class Im2Col<T> where T : unmanaged, INumberBase<T>
{
    public static void Unfold(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var g = (UnfoldGeometry)attributes!;
        var x = inputs[0].HostPointer<T>();
        var y = output.HostPointer<T>();
        ForEachPlane(g, (n, c) =>
        {
            var plane = x + ((long)n * g.Channels + c) * g.Height * g.Width;
            ForEachRun(g, c, (row, oy, iy, ox0, ox1, xOffset) =>
            {
                var dst = new Span<T>(y + ((long)n * g.Rows + row) * g.Columns + (long)oy * g.OutWidth, g.OutWidth);
                if (iy < 0)
                {
                    dst.Clear();
                    return;
                }
                dst[..ox0].Clear();
                dst[ox1..].Clear();
                var src = plane + (long)iy * g.Width + xOffset;
                if (g.Stride == 1) new ReadOnlySpan<T>(src + ox0, ox1 - ox0).CopyTo(dst[ox0..ox1]);
                else
                {
                    for (var ox = ox0; ox < ox1; ox++) dst[ox] = src[(long)ox * g.Stride];
                }
            });
        });
    }

    /// <summary>Adds every column back into its pixels; the output arrives zeroed.</summary>
    public static void Fold(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var g = (UnfoldGeometry)attributes!;
        var cols = inputs[0].HostPointer<T>();
        var y = output.HostPointer<T>();
        ForEachPlane(g, (n, c) =>
        {
            var plane = y + ((long)n * g.Channels + c) * g.Height * g.Width;
            ForEachRun(g, c, (row, oy, iy, ox0, ox1, xOffset) =>
            {
                if (iy < 0) return;
                var src = cols + ((long)n * g.Rows + row) * g.Columns + (long)oy * g.OutWidth;
                var dst = plane + (long)iy * g.Width + xOffset;
                if (g.Stride == 1)
                {
                    var target = new Span<T>(dst + ox0, ox1 - ox0);
                    TensorPrimitives.Add(target, new ReadOnlySpan<T>(src + ox0, ox1 - ox0), target);
                }
                else
                {
                    for (var ox = ox0; ox < ox1; ox++) dst[(long)ox * g.Stride] += src[ox];
                }
            });
        });
    }

    private static void ForEachPlane(UnfoldGeometry g, Action<int, int> body)
    {
        var planes = g.Batch * g.Channels;
        var perPlane = Math.Max(1, g.Rows / Math.Max(1, g.Channels) * g.Columns);
        CpuParallel.For(planes, Math.Max(1, CpuParallel.MinElementsPerThread / perPlane), (p0, p1) =>
        {
            for (var p = p0; p < p1; p++) body(p / g.Channels, p % g.Channels);
        });
    }

    /// <summary>Row (channel, tap) and output row oy, with the input row iy (−1 when it is padding) and the
    /// output columns [ox0, ox1) whose input column ox·stride + xOffset lies inside the image.</summary>
    private delegate void RunBody(int row, int oy, int iy, int ox0, int ox1, int xOffset);

    private static void ForEachRun(UnfoldGeometry g, int c, RunBody body)
    {
        for (var i = 0; i < g.KernelHeight; i++)
        for (var j = 0; j < g.KernelWidth; j++)
        {
            var row = (c * g.KernelHeight + i) * g.KernelWidth + j;
            var xOffset = j - g.Padding;
            var ox0 = Math.Min(g.OutWidth, Math.Max(0, CeilDiv(-xOffset, g.Stride)));
            var ox1 = Math.Max(ox0, Math.Min(g.OutWidth, FloorDiv(g.Width - 1 - xOffset, g.Stride) + 1));
            for (var oy = 0; oy < g.OutHeight; oy++)
            {
                var iy = oy * g.Stride - g.Padding + i;
                body(row, oy, iy >= 0 && iy < g.Height ? iy : -1, ox0, ox1, xOffset);
            }
        }
    }

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static int CeilDiv(int a, int b) => -FloorDiv(-a, b);
}
