using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Grimoire.Cpu.Gemm;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>conv2d's input gradient dx = Wᵀ ⊛ dy without a materialised column buffer. With stride 1 and a square kernel
/// it is itself a convolution: dy, padded by dilation·(k − 1) − padding, correlated with the weights flipped in both
/// axes and transposed per group (input and output channels swapped), so it runs as the forward pass (<see cref="ConvKernels.Forward"/>).
/// Otherwise each (image, group) is cut into blocks of pixels: a GEMM gives the block's column gradient Wᵀ·dy (taps x
/// pixels) in a cache-sized tile, which <see cref="ColumnPacker{TL, TV}.AddBack"/> adds into the pixels it came from (for
/// stride s &gt; 1 into the image's stride phases, merged back at the end, so every add is a vector).</summary>
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
        if (g.Stride == 1 && g.KernelHeight == g.KernelWidth && g.Padding <= g.Dilation * (g.KernelHeight - 1)) AsConvolution(isa, a, dy, w, dx);
        else ColumnsAddedBack(isa, a, dy, w, dx);
    }

    /// <summary>dx[n, c] = Σ_o dy[n, o] ⋆ flip(W[o, c]) with padding d·(k − 1) − p, which gives exactly h x w pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AsConvolution(GemmIsa isa, ConvAttributes a, float* dy, float* w, float* dx)
    {
        var g = a.Window;
        var k = g.KernelHeight;
        var transposed = new ConvAttributes(
            new UnfoldGeometry(g.Batch, a.OutChannels, g.OutHeight, g.OutWidth, k, k, 1, (g.Dilation * (k - 1)) - g.Padding, g.Dilation), g.Channels, a.Groups);
        var (m, c, kk) = (a.OutPerGroup, a.InPerGroup, k * k);
        var flipped = (float*)NativeMemory.AlignedAlloc((nuint)((long)a.OutChannels * a.Taps * sizeof(float)), 64);
        try
        {
            for (var gi = 0; gi < a.Groups; gi++)
            for (var o = 0; o < m; o++)
            for (var ci = 0; ci < c; ci++)
            {
                var from = w + (((long)((gi * m) + o) * c) + ci) * kk;
                var to = flipped + (((long)((gi * c) + ci) * m) + o) * kk;
                for (var t = 0; t < kk; t++) to[kk - 1 - t] = from[t];
            }
            ConvKernels.Forward(isa, transposed, dy, flipped, null, dx);
        }
        finally
        {
            NativeMemory.AlignedFree(flipped);
        }
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
            CpuParallel.For(checked((int)items), (int)Math.Max(1, 2_000_000 / Math.Max(1, itemFlops)), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i0, i1) =>
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
