using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Grimoire.Cpu.Gemm;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>conv2d's weight gradient as one batch-reduce GEMM per group: dWᵀ (taps x m) = Σ over images and pixel blocks
/// of columns (taps x pixels) · dyᵀ (pixels x m), accumulated in place (β = 1) across the whole batch, so there is no
/// per-image product to sum. The taps are the GEMM's rows because both operands run along the pixels: a block of taps is
/// packed from the image by <see cref="ColumnPacker{TL, TV}"/> into an L2-sized tile (taps x pixels, one vector per chunk)
/// and transposed into A panels by <see cref="PackA"/>; dyᵀ is the small B operand. Threads take separate images into
/// private sums, which are added and transposed into dW at the end.</summary>
internal static unsafe class ConvWeightGradient<TKernel, TL, TV> where TKernel : struct, IMicroKernel where TL : IConvLanes<TV> where TV : struct
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(GemmIsa isa, ConvAttributes a, float* dy, float* x, float* dw)
    {
        var g = a.Window;
        var (m, taps) = (a.OutPerGroup, a.Taps);
        var perGroup = (long)taps * m;
        var weights = perGroup * a.Groups;
        if (weights == 0) return;
        var flops = 2L * g.Batch * g.Columns * weights;
        var chunks = (int)Math.Min(Math.Min(CpuParallel.Threads, g.Batch), Math.Max(1, flops / 4_000_000));
        if (chunks == 0)
        {
            new Span<float>(dw, (int)weights).Clear();
            return;
        }
        var sums = (float*)NativeMemory.AlignedAlloc((nuint)(chunks * weights * sizeof(float)), 64);
        try
        {
            var (pdy, px, ps) = ((nint)dy, (nint)x, (nint)sums);
            CpuParallel.For(chunks, 1, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (c0, c1) =>
            {
                for (var chunk = c0; chunk < c1; chunk++)
                {
                    var (n0, n1) = ((int)((long)g.Batch * chunk / chunks), (int)((long)g.Batch * (chunk + 1) / chunks));
                    Images(isa, a, (float*)pdy, (float*)px, n0, n1, (float*)ps + (chunk * weights));
                }
            });
            for (var gi = 0; gi < a.Groups; gi++)
            for (var t = 0; t < taps; t++)
            for (var o = 0; o < m; o++)
            {
                var at = (gi * perGroup) + ((long)t * m) + o;
                var sum = 0f;
                for (var chunk = 0; chunk < chunks; chunk++) sum += sums[(chunk * weights) + at];
                dw[(gi * perGroup) + ((long)o * taps) + t] = sum;
            }
        }
        finally
        {
            NativeMemory.AlignedFree(sums);
        }
    }

    /// <summary>dWᵀ of every group summed over images [n0, n1) into <paramref name="sums"/> ([groups, taps, m]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Images(GemmIsa isa, ConvAttributes a, float* dy, float* x, int n0, int n1, float* sums)
    {
        var g = a.Window;
        var (m, taps, pixels) = (a.OutPerGroup, a.Taps, g.Columns);
        var (mr, nr, v) = (TKernel.Mr, TKernel.Nr, TL.Count);
        var blk = BlockSizes.For(isa);
        var depth = DepthBlocks.Of(pixels, blk.Kc);
        var lanes = GemmDriver.RoundUp(depth.Size, v);
        var rowBlock = GemmDriver.RoundUp(Math.Min(blk.Mc, taps), mr);
        var panelA = PackBuffer.ForA((nint)rowBlock * depth.Size);
        var panelB = PackBuffer.ForB((nint)depth.Size * GemmDriver.RoundUp(m, nr));
        var tile = PackBuffer.ForTile((nint)rowBlock * lanes);
        for (var n = n0; n < n1; n++)
        for (var gi = 0; gi < a.Groups; gi++)
        {
            var item = ((long)n * a.Groups) + gi;
            var layout = StridePhases<TL, TV>.Split(x + (item * a.InPerGroup * g.Height * g.Width), a.InPerGroup, g.Height, g.Width, g.Stride);
            var gradient = new GemmProblem(false, true, 0, m, pixels, 1f, null, 0, dy + (item * m * pixels), pixels, 0f, null, 0, default);
            var sum = sums + ((long)gi * taps * m);
            for (var b = 0; b < depth.Count; b++)
            {
                var (p0, kc) = depth.Block(b);
                var beta = n == n0 && b == 0 ? 0f : 1f;
                PackB.Run(gradient, p0, 0, kc, m, nr, panelB);
                var table = ColumnPacker<TL, TV>.Prepare(g, layout, p0, GemmDriver.RoundUp(kc, v));
                var columns = new GemmProblem(false, false, rowBlock, 0, kc, 1f, tile, lanes, null, 0, 0f, null, 0, default);
                for (var i0 = 0; i0 < taps; i0 += rowBlock)
                {
                    var rows = Math.Min(rowBlock, taps - i0);
                    ColumnPacker<TL, TV>.Pack(g, layout, table, 0, table.Chunks, i0, rows, tile, lanes, table.Chunks, 0);
                    PackA.Run(columns, 0, 0, rows, kc, mr, panelA);
                    GemmDriver.Macro<TKernel>(kc, rows, m, panelA, panelB, sum + ((long)i0 * m), m, 1f, beta);
                }
            }
        }
    }
}
