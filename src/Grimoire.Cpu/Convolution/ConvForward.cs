using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Grimoire.Cpu.Gemm;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>conv2d as an implicit GEMM per (image, group): y[n, group] (cout/g x pixels) = W[group] (cout/g x taps) ·
/// columns (taps x pixels), where the columns are never materialised: each Kc x Nr B panel is packed from the NCHW image
/// by <see cref="ColumnPacker{TL, TV}"/> just before the GEMM micro-kernel sweeps the packed weights over it, and the
/// bias is added by the epilogue while the panel's outputs are still in cache. The weights are packed once per call.
/// Work items are (image, group, block of pixels), shared between threads.
/// <para>A convolution whose output rows are as wide as the input's phase rows ("same" padding) needs no B panel at all:
/// every pixel-table chunk is one segment, so <typeparamref name="TDirect"/> loads the columns from the image itself
/// (<see cref="IDirectConvKernel"/>), unless the ISA has none (<see cref="NoDirectConvKernel"/>) or its row panels would
/// pad more rows than <typeparamref name="TKernel"/>'s.</para></summary>
internal static unsafe class ConvForward<TKernel, TDirect, TL, TV> where TKernel : struct, IMicroKernel where TDirect : struct, IDirectConvKernel
    where TL : IConvLanes<TV> where TV : struct
{
    /// <summary>y = x ⊛ w (+ bias per output channel); <paramref name="bias"/> may be null.</summary>
    public static void Run(GemmIsa isa, ConvAttributes a, float* x, float* w, float* bias, float* y)
    {
        var g = a.Window;
        var (m, taps, pixels) = (a.OutPerGroup, a.Taps, g.Columns);
        if ((long)g.Batch * a.OutChannels * pixels == 0) return;
        if (taps == 0)
        {
            FillWithBias(a, bias, y);
            return;
        }
        var blk = BlockSizes.For(isa);
        var depth = DepthBlocks.Of(taps, blk.Kc);
        var direct = Direct(a);
        var panelRows = GemmDriver.RoundUp(m, direct ? TDirect.Mr : TKernel.Mr);
        var weights = (float*)NativeMemory.AlignedAlloc((nuint)((long)a.Groups * panelRows * taps * sizeof(float)), 64);
        try
        {
            if (direct) PackWeightsByPosition(a, w, panelRows, weights);
            else PackWeights(a, w, depth, panelRows, weights);
            var (blocksPerImage, blockPixels) = PixelBlocks(a, TKernel.Nr);
            var items = (long)g.Batch * a.Groups * blocksPerImage;
            var itemFlops = 2L * m * taps * blockPixels;
            var (px, pw, pb, py) = ((nint)x, (nint)weights, (nint)bias, (nint)y);
            CpuParallel.ForChunks(checked((int)items), ConvSplit.Chunks(items, itemFlops), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (_, i0, i1) =>
            {
                // The image's layout changes with the (image, group); the pixel table (offsets inside a channel) only with the block.
                var (layout, table) = ((Group: -1L, Layout: default(ImageLayout)), (Block: -1L, Table: default(ColumnPacker<TL, TV>.PixelTable)));
                for (var item = i0; item < i1; item++)
                {
                    var (group, block) = Math.DivRem((long)item, blocksPerImage);
                    var (j0, count) = ((int)block * blockPixels, Math.Min(blockPixels, pixels - ((int)block * blockPixels)));
                    if (group != layout.Group)
                    {
                        var channels = (float*)px + (group * a.InPerGroup * g.Height * g.Width);
                        layout = (group, StridePhases<TL, TV>.Split(channels, a.InPerGroup, g.Height, g.Width, g.Stride));
                    }
                    if (block != table.Block) table = (block, ColumnPacker<TL, TV>.Prepare(g, layout.Layout, j0, GemmDriver.RoundUp(count, TKernel.Nr)));
                    var gi = (int)(group % a.Groups);
                    var output = (float*)py + (group * m * pixels);
                    var packed = (float*)pw + ((long)gi * panelRows * taps);
                    var groupBias = bias == null ? null : (float*)pb + ((long)gi * m);
                    if (direct) RunDirect(isa, g, layout.Layout, table.Table, m, a.InPerGroup, packed, groupBias, output, j0, count);
                    else RunBlock(isa, g, layout.Layout, table.Table, depth, m, packed, groupBias, output, j0, count);
                }
            });
        }
        finally
        {
            NativeMemory.AlignedFree(weights);
        }
    }

    /// <summary>One (image, group) and pixels [j0, j0 + count): per depth block, pack the block's B panels and run the
    /// micro-kernels over them; the bias goes on after the last depth block, while the block's outputs are in cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunBlock(GemmIsa isa, UnfoldGeometry g, in ImageLayout image, in ColumnPacker<TL, TV>.PixelTable table, DepthBlocks depth,
        int m, float* weights, float* bias, float* y, int j0, int count)
    {
        var nr = TKernel.Nr;
        var panel = PackBuffer.ForB((nint)depth.Size * nr);
        var panelRows = GemmDriver.RoundUp(m, TKernel.Mr);
        var chunks = nr / TL.Count;
        for (var b = 0; b < depth.Count; b++)
        {
            var (tap0, kc) = depth.Block(b);
            // One B panel at a time, packed into L1 and swept by every row panel of the weights at once: packing the whole
            // block first wrote it out to L2 and read it back.
            for (var jr = 0; jr < count; jr += nr)
            {
                ColumnPacker<TL, TV>.Pack(g, image, table, jr / TL.Count, chunks, tap0, kc, panel, nr, chunks, 0);
                GemmDriver.Macro<TKernel>(kc, m, Math.Min(nr, count - jr), weights + ((long)tap0 * panelRows), panel, y + j0 + jr, g.Columns, 1f, b == 0 ? 0f : 1f);
            }
        }
        new Epilogue(bias, Activation.None, biasPerRow: true).Apply(isa, y + j0, g.Columns, m, count);
    }

    /// <summary>Whether <typeparamref name="TDirect"/> runs the call: output rows as wide as the image's phase rows (the
    /// input's rows for stride 1, ⌈width / s⌉ for stride s) make every chunk of pixels one segment of the image or its stride
    /// phases (consecutive output pixels read consecutive pixels, across rows too), and its row panels pad no more than
    /// the packed path's.</summary>
    public static bool Direct(ConvAttributes a) =>
        TDirect.Mr > 0 && TDirect.Nr == TKernel.Nr && a.Window.OutWidth == (a.Window.Width + a.Window.Stride - 1) / a.Window.Stride
        && GemmDriver.RoundUp(a.OutPerGroup, TDirect.Mr) <= GemmDriver.RoundUp(a.OutPerGroup, TKernel.Mr);

    /// <summary>One (image, group) and pixels [j0, j0 + count) by <typeparamref name="TDirect"/>: every row panel of the
    /// weights over each Nr pixels read from the image, the whole depth at once; then the bias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunDirect(GemmIsa isa, UnfoldGeometry g, in ImageLayout image, in ColumnPacker<TL, TV>.PixelTable table, int m, int channels,
        float* weights, float* bias, float* y, int j0, int count)
    {
        var (mr, nr, positions) = (TDirect.Mr, TDirect.Nr, g.KernelHeight * g.KernelWidth);
        var taps = (long)channels * positions;
        Debug.Assert(table.Record == TL.Count + 2, "one segment per chunk");
        var positionInts = (nint)table.Chunks * table.Record;
        for (var jr = 0; jr < count; jr += nr)
        {
            var record = table.At(0, jr / TL.Count);
            for (var ir = 0; ir < m; ir += mr)
            {
                TDirect.Run(positions, channels, weights + (ir * taps), image.Pixels, image.ChannelStride, record, positionInts, table.Record,
                    y + ((long)ir * g.Columns) + j0 + jr, g.Columns, Math.Min(mr, m - ir), Math.Min(nr, count - jr));
            }
        }
        new Epilogue(bias, Activation.None, biasPerRow: true).Apply(isa, y + j0, g.Columns, m, count);
    }

    /// <summary>Each group's weights [m, channels, positions] as <typeparamref name="TDirect"/>'s A panels over the whole
    /// depth, in (position, channel) order: each row's taps transposed first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackWeightsByPosition(ConvAttributes a, float* w, int panelRows, float* packed)
    {
        var (m, taps, positions) = (a.OutPerGroup, a.Taps, a.Window.KernelHeight * a.Window.KernelWidth);
        var byPosition = (float*)NativeMemory.AlignedAlloc((nuint)((long)m * taps * sizeof(float)), 64);
        try
        {
            for (var gi = 0; gi < a.Groups; gi++)
            {
                var group = w + ((long)gi * m * taps);
                for (var o = 0; o < m; o++) Transpose.Run(group + ((long)o * taps), positions, a.InPerGroup, positions, byPosition + ((long)o * taps));
                var problem = new GemmProblem(false, false, m, 0, taps, 1f, byPosition, taps, null, 0, 0f, null, 0, default);
                PackA.Run(problem, 0, 0, m, taps, TDirect.Mr, packed + ((long)gi * panelRows * taps));
            }
        }
        finally
        {
            NativeMemory.AlignedFree(byPosition);
        }
    }

    /// <summary>Each group's weights [m, taps] as GEMM A panels, depth block after depth block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackWeights(ConvAttributes a, float* w, DepthBlocks depth, int panelRows, float* packed)
    {
        var (m, taps) = (a.OutPerGroup, a.Taps);
        for (var gi = 0; gi < a.Groups; gi++)
        {
            var problem = new GemmProblem(false, false, m, 0, taps, 1f, w + ((long)gi * m * taps), taps, null, 0, 0f, null, 0, default);
            for (var b = 0; b < depth.Count; b++)
            {
                var (tap0, kc) = depth.Block(b);
                PackA.Run(problem, 0, tap0, m, kc, TKernel.Mr, packed + ((long)gi * panelRows * taps) + ((long)tap0 * panelRows));
            }
        }
    }

    /// <summary>Whole images per work item, unless there are too few (image, group) pairs to fill every chunk of
    /// <see cref="ConvSplit"/>: then each image's pixels are split into enough Nr-aligned blocks.</summary>
    private static (int Blocks, int Pixels) PixelBlocks(ConvAttributes a, int nr)
    {
        var pixels = a.Window.Columns;
        var pairs = (long)a.Window.Batch * a.Groups;
        var wanted = (int)Math.Min(Math.Max(1, (ConvSplit.MostChunks + pairs - 1) / pairs), (pixels + nr - 1) / nr);
        var blockPixels = GemmDriver.RoundUp((pixels + wanted - 1) / wanted, nr);
        return ((pixels + blockPixels - 1) / blockPixels, blockPixels);
    }

    /// <summary>A convolution with no taps (no input channels) is its bias, or zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillWithBias(ConvAttributes a, float* bias, float* y)
    {
        var pixels = a.Window.Columns;
        for (long plane = 0; plane < (long)a.Window.Batch * a.OutChannels; plane++)
            new Span<float>(y + (plane * pixels), pixels).Fill(bias == null ? 0f : bias[plane % a.OutChannels]);
    }
}

/// <summary>The depth (k) of a GEMM cut into equal blocks of at most a cache block's size, so no block is a sliver;
/// each block's start a multiple of <c>align</c>.</summary>
internal readonly record struct DepthBlocks(int Total, int Size, int Count)
{
    public static DepthBlocks Of(int total, int max, int align = 1)
    {
        var count = Math.Max(1, (total + max - 1) / max);
        var size = (total + count - 1) / count;
        size = (size + align - 1) / align * align;
        return new DepthBlocks(total, size, Math.Max(1, (total + size - 1) / size));
    }

    /// <summary>Start and length of block <paramref name="b"/>.</summary>
    public (int Start, int Length) Block(int b) => (b * Size, Math.Min(Size, Total - (b * Size)));
}
