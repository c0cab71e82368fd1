using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Grimoire.Cpu.Gemm;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>conv2d's input gradient dx = Wᵀ ⊛ dy without a materialised column buffer: each (image, group) is cut into
/// blocks of pixels, a GEMM gives the block's column gradient Wᵀ·dy (taps x pixels) in a cache-sized tile, and
/// <see cref="ColumnPacker{TL, TV}.AddBack"/> adds the tile into the pixels its columns came from (for stride s &gt; 1 into
/// the image's stride phases, merged back at the end, so every add is a vector). With stride 1, "same" padding and a
/// square kernel dx is also a convolution of dy with the flipped, transposed weights (<see cref="FlippedConvolution"/>):
/// <see cref="ConvKernels"/> runs it that way where the forward pass has a direct kernel (AVX-512), which needs no tile
/// and no add-back. Through the packed forward pass it was no faster (AVX-512 this morning; AVX2: 5x5 vision layer's dx
/// 17.4-18.0 against 15.2-17.2 ms), nor through AVX2's padded forward (<see cref="PaddedConvForward256"/>: 5x5 dx 15.9-16.5
/// against 15.3-15.6 ms, its flipped layer's 32 output rows padded to 36; 64 channels level), so those layers stay here on
/// AVX2.</summary>
internal static unsafe class ConvInputGradient<TKernel, TL, TV> where TKernel : struct, IMicroKernel where TL : IConvLanes<TV> where TV : struct
{
    // The column-gradient tile of one block stays within this many floats (256 KiB), in L2 while it is added back.
    private const int TileFloats = 64 * 1024;

    public static void Run(GemmIsa isa, ConvAttributes a, float* dy, float* w, float* dx)
    {
        var g = a.Window;
        var elements = (long)g.Batch * g.Channels * g.Height * g.Width;
        if (elements == 0) return;
        if (a.OutPerGroup == 0)
        {
            new Span<float>(dx, checked((int)elements)).Clear();
            return;
        }
        ColumnsAddedBack(isa, a, dy, w, dx);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ColumnsAddedBack(GemmIsa isa, ConvAttributes a, float* dy, float* w, float* dx)
    {
        var g = a.Window;
        var (m, taps) = (a.OutPerGroup, a.Taps);
        var blk = BlockSizes.For(isa);
        var depth = DepthBlocks.Of(m, blk.Kc);
        var panelRows = GemmDriver.RoundUp(taps, TKernel.Mr);
        var weights = (float*)NativeMemory.AlignedAlloc((nuint)((long)a.Groups * panelRows * m * sizeof(float)), 64);
        try
        {
            // Wᵀ per group: op(A) = W[group]ᵀ, taps x m, read from the [m, taps] weights as a transposed operand.
            for (var gi = 0; gi < a.Groups; gi++)
            {
                var problem = new GemmProblem(true, false, taps, 0, m, 1f, w + ((long)gi * m * taps), taps, null, 0, 0f, null, 0, default);
                for (var b = 0; b < depth.Count; b++)
                {
                    var (o0, kc) = depth.Block(b);
                    PackA.Run(problem, 0, o0, taps, kc, TKernel.Mr, weights + ((long)gi * panelRows * m) + ((long)o0 * panelRows));
                }
            }
            var items = (long)g.Batch * a.Groups;
            var itemFlops = 2L * m * taps * g.Columns;
            var (pdy, pw, pdx) = ((nint)dy, (nint)weights, (nint)dx);
            CpuParallel.ForChunks(checked((int)items), ConvSplit.Chunks(items, itemFlops), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (_, i0, i1) =>
            {
                for (var item = i0; item < i1; item++)
                {
                    var gi = item % a.Groups;
                    var gradient = (float*)pdy + ((long)item * m * g.Columns);
                    var image = (float*)pdx + ((long)item * a.InPerGroup * g.Height * g.Width);
                    Image(isa, a, depth, (float*)pw + ((long)gi * panelRows * m), gradient, image);
                }
            });
        }
        finally
        {
            NativeMemory.AlignedFree(weights);
        }
    }

    /// <summary>The input gradient of one (image, group): its channels of dx from its output channels of dy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Image(GemmIsa isa, ConvAttributes a, DepthBlocks depth, float* weights, float* dy, float* dx)
    {
        var g = a.Window;
        var (m, taps, pixels, channels) = (a.OutPerGroup, a.Taps, g.Columns, a.InPerGroup);
        var (mr, nr) = (TKernel.Mr, TKernel.Nr);
        var panelRows = GemmDriver.RoundUp(taps, mr);
        var layout = g.Stride == 1 ? new ImageLayout(dx, g.Height, g.Width, 1)
            : new ImageLayout(PackBuffer.ForImage((nint)ImageLayout.FloatsFor(channels, g.Height, g.Width, g.Stride)), g.Height, g.Width, g.Stride);
        new Span<float>(layout.Pixels, checked((int)((long)channels * layout.ChannelStride))).Clear();
        var blockPixels = Math.Min(GemmDriver.RoundUp(pixels, nr), Math.Max(nr, TileFloats / Math.Max(1, panelRows) / nr * nr));
        var tile = PackBuffer.ForTile((nint)panelRows * blockPixels);
        var panels = PackBuffer.ForB((nint)depth.Size * blockPixels);
        var dyProblem = new GemmProblem(false, false, 0, pixels, m, 1f, null, 0, dy, pixels, 0f, null, 0, default);
        for (var j0 = 0; j0 < pixels; j0 += blockPixels)
        {
            var count = Math.Min(blockPixels, pixels - j0);
            var lanes = GemmDriver.RoundUp(count, nr);
            for (var b = 0; b < depth.Count; b++)
            {
                var (o0, kc) = depth.Block(b);
                PackB.Run(dyProblem, o0, j0, kc, count, nr, panels);
                GemmDriver.Macro<TKernel>(kc, taps, count, weights + ((long)o0 * panelRows), panels, tile, lanes, 1f, b == 0 ? 0f : 1f);
            }
            var table = ColumnPacker<TL, TV>.Prepare(g, layout, j0, lanes);
            ColumnPacker<TL, TV>.AddBack(g, layout, table, 0, taps, tile, lanes);
        }
        if (g.Stride > 1) StridePhases<TL, TV>.Merge(layout, channels, g.Height, g.Width, dx);
    }
}
