using System.Numerics;
using System.Runtime.CompilerServices;
using Grimoire.Cpu.Simd;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>im2col (unfold) and col2im (fold) by runs: for each (channel, tap, output row) the valid input
/// pixels form one run (dilation only moves where a tap's run starts), a block copy (or add) when the stride is 1, with the padding columns zeroed around
/// it. Planes (image, channel) run in parallel. Data movement, so no per-ISA variants. The run walk is
/// generic over a struct visitor so the JIT inlines the per-run work (a delegate call per run cost more
/// than the copy itself).</summary>
internal static unsafe class Im2Col<T> where T : unmanaged, INumberBase<T>
{
    public static void Unfold(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var g = (UnfoldGeometry)attributes!;
        var (x, y) = ((nint)inputs[0].HostPointer<T>(), (nint)output.HostPointer<T>());
        ForEachPlane(g, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (n, c) =>
        {
            var visitor = new UnfoldRun((T*)x + ((long)n * g.Channels + c) * g.Height * g.Width, (T*)y + (long)n * g.Rows * g.Columns);
            WalkRuns(g, c, ref visitor);
        });
    }

    /// <summary>Adds every column back into its pixels; the output arrives zeroed.</summary>
    public static void Fold(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var g = (UnfoldGeometry)attributes!;
        var (cols, y) = ((nint)inputs[0].HostPointer<T>(), (nint)output.HostPointer<T>());
        ForEachPlane(g, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (n, c) =>
        {
            var visitor = new FoldRun((T*)cols + (long)n * g.Rows * g.Columns, (T*)y + ((long)n * g.Channels + c) * g.Height * g.Width);
            WalkRuns(g, c, ref visitor);
        });
    }

    private static void ForEachPlane(UnfoldGeometry g, Action<int, int> body)
    {
        CpuParallel.For(g.Batch * g.Channels, CpuParallel.MinItemsPerChunk((long)g.KernelHeight * g.KernelWidth * g.Columns), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (p0, p1) =>
        {
            for (var p = p0; p < p1; p++) body(p / g.Channels, p % g.Channels);
        });
    }

    private interface IRunVisitor
    {
        /// <summary>Output row <paramref name="oy"/> of unfolded row <paramref name="row"/>: input row
        /// <paramref name="iy"/> (−1 for padding), columns [ox0, ox1) inside the image at input column
        /// ox·stride + xOffset.</summary>
        void Run(UnfoldGeometry g, int row, int oy, int iy, int ox0, int ox1, int xOffset);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WalkRuns<TV>(UnfoldGeometry g, int c, ref TV visitor) where TV : struct, IRunVisitor
    {
        for (var i = 0; i < g.KernelHeight; i++)
        for (var j = 0; j < g.KernelWidth; j++)
        {
            var row = (c * g.KernelHeight + i) * g.KernelWidth + j;
            var xOffset = j * g.Dilation - g.Padding;
            var ox0 = Math.Min(g.OutWidth, Math.Max(0, CeilDiv(-xOffset, g.Stride)));
            var ox1 = Math.Max(ox0, Math.Min(g.OutWidth, FloorDiv(g.Width - 1 - xOffset, g.Stride) + 1));
            for (var oy = 0; oy < g.OutHeight; oy++)
            {
                var iy = oy * g.Stride - g.Padding + i * g.Dilation;
                visitor.Run(g, row, oy, iy >= 0 && iy < g.Height ? iy : -1, ox0, ox1, xOffset);
            }
        }
    }

    private readonly struct UnfoldRun(T* plane, T* columns) : IRunVisitor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run(UnfoldGeometry g, int row, int oy, int iy, int ox0, int ox1, int xOffset)
        {
            var dst = columns + (long)row * g.Columns + (long)oy * g.OutWidth;
            if (iy < 0)
            {
                new Span<T>(dst, g.OutWidth).Clear();
                return;
            }
            for (var ox = 0; ox < ox0; ox++) dst[ox] = T.Zero;
            for (var ox = ox1; ox < g.OutWidth; ox++) dst[ox] = T.Zero;
            var src = plane + (long)iy * g.Width + xOffset;
            var stride = g.Stride;
            if (stride == 1) Buffer.MemoryCopy(src + ox0, dst + ox0, (long)(ox1 - ox0) * sizeof(T), (long)(ox1 - ox0) * sizeof(T));
            else
            {
                for (var ox = ox0; ox < ox1; ox++) dst[ox] = src[(long)ox * stride];
            }
        }
    }

    private readonly struct FoldRun(T* columns, T* plane) : IRunVisitor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run(UnfoldGeometry g, int row, int oy, int iy, int ox0, int ox1, int xOffset)
        {
            if (iy < 0) return;
            var src = columns + (long)row * g.Columns + (long)oy * g.OutWidth;
            var dst = plane + (long)iy * g.Width + xOffset;
            var stride = g.Stride;
            if (stride == 1) VectorAdd.Into(dst + ox0, src + ox0, ox1 - ox0);
            else
            {
                for (var ox = ox0; ox < ox1; ox++) dst[(long)ox * stride] += src[ox];
            }
        }
    }

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static int CeilDiv(int a, int b) => -FloorDiv(-a, b);
}
