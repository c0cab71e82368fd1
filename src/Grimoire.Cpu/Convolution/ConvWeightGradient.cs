using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Grimoire.Cpu.Gemm;
using Grimoire.Cpu.Simd;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>conv2d's weight gradient as one batch-reduce GEMM per group: dWᵀ (taps x m) = Σ over images and pixels of
/// columns (taps x pixels) · dyᵀ (pixels x m), accumulated in place across the whole batch, so there is no per-image
/// product to sum. The taps are the GEMM's rows because both operands run along the pixels. Two ways to read the columns:
/// <list type="bullet">
/// <item>direct (<see cref="DirectImages"/>, AVX2, and AVX-512 with at least 64 output channels): each image is copied once
/// into its padded stride phases (<see cref="PaddedPhases"/>), where a tap's pixels along an output row are consecutive,
/// and <typeparamref name="TK"/> broadcasts them in place against dyᵀ, summing a block of images in registers. Nothing is
/// packed: the 5x5 vision layer's dw ran 7.8-8.1 against 8.2-8.5 ms packed (AVX-512), 14.2-14.9 against 15.3 ms (AVX2).</item>
/// <item>pixel lanes (<see cref="PixelLaneImages"/>, AVX-512 layers with few output channels): the same padded copies, read
/// by <see cref="PixelLaneWeightGradient512"/> with the pixels along the vector and dy in place, so 16 or 32 outputs do
/// not leave a 64-channel tile's lanes empty.</item>
/// <item>packed (<see cref="Images"/>): a block of taps is packed from the image by <see cref="ColumnPacker{TL, TV}"/> into an
/// L2-sized tile (taps x pixels), whose rows the direct GEMM kernels (<see cref="WideGemm512"/>, <see cref="SmallGemm256"/>)
/// read in place against dyᵀ. Kept for AVX-512 layers narrower than the 64-column tile (a first layer's 16 outputs),
/// where its 32-column kernel wastes less.</item>
/// </list>
/// Threads take separate chunks of images (<see cref="ConvSplit"/>) into private sums, which are added in order and
/// transposed into dW at the end.</summary>
internal static unsafe class ConvWeightGradient<TK, TL, TV> where TK : struct, IWeightGradientKernel where TL : IConvLanes<TV> where TV : struct
{
    // Floats of one tile (taps x pixel block, 256 KiB): it stays in L2 while the direct kernel streams its rows. Its taps
    // are as many as fit, in equal blocks: the packer pays a fixed cost per kernel position and chunk of pixels, which
    // 96-tap tiles (a few channels per position) spent on every few rows (5x5 layer: packer 13 % of the samples, now 8 %).
    private const int TileFloats = 64 * 1024;

    /// <summary>dw from dy and x by <paramref name="path"/>; the paths that read padded copies of the images fall back to
    /// packing tiles when a padded image's offsets would not fit an int.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(GemmIsa isa, ConvAttributes a, float* dy, float* x, float* dw, WeightGradientPath path)
    {
        var g = a.Window;
        var (m, taps) = (a.OutPerGroup, a.Taps);
        var perGroup = (long)taps * m;
        var weights = perGroup * a.Groups;
        if (weights == 0) return;
        var chunks = ConvSplit.Chunks(g.Batch, 2L * g.Columns * weights);
        if (chunks == 0)
        {
            new Span<float>(dw, checked((int)weights)).Clear();
            return;
        }
        // One private sum per chunk of images, whichever thread takes it, added in chunk order: the result depends on the
        // thread count only, never on the timing.
        var sums = (float*)NativeMemory.AlignedAlloc((nuint)(chunks * weights * sizeof(float)), 64);
        try
        {
            var (pdy, px, ps) = ((nint)dy, (nint)x, (nint)sums);
            if (!PaddedPhases.Fits(g, a.InPerGroup)) path = WeightGradientPath.Packed;
            CpuParallel.ForChunks(chunks, chunks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk, _, _) =>
            {
                var (n0, n1) = ((int)((long)g.Batch * chunk / chunks), (int)((long)g.Batch * (chunk + 1) / chunks));
                var sum = (float*)ps + (chunk * weights);
                switch (path)
                {
                    case WeightGradientPath.Direct: DirectImages(a, (float*)pdy, (float*)px, n0, n1, sum); break;
                    case WeightGradientPath.PixelLanes: PixelLaneImages(a, (float*)pdy, (float*)px, n0, n1, sum); break;
                    default: Images(isa, a, (float*)pdy, (float*)px, n0, n1, sum); break;
                }
            });
            for (var chunk = 1; chunk < chunks; chunk++) VectorAdd.Into(sums, sums + (chunk * weights), weights);
            for (var gi = 0; gi < a.Groups; gi++) Transpose.Run(sums + (gi * perGroup), m, taps, m, dw + (gi * perGroup));
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
        var v = TL.Count;
        var depth = DepthBlocks.Of(pixels, BlockSizes.For(isa).Kc, v);
        var lanes = GemmDriver.RoundUp(depth.Size, v);
        var rowBlocks = DepthBlocks.Of(taps, Math.Max(WideGemm512.Rows, TileFloats / lanes));
        var gradientT = PackBuffer.ForB((nint)pixels * m);
        var tile = PackBuffer.ForTile((nint)rowBlocks.Size * lanes);
        var table = default(ColumnPacker<TL, TV>.PixelTable);
        for (var n = n0; n < n1; n++)
        for (var gi = 0; gi < a.Groups; gi++)
        {
            var item = ((long)n * a.Groups) + gi;
            var layout = StridePhases<TL, TV>.Split(x + (item * a.InPerGroup * g.Height * g.Width), a.InPerGroup, g.Height, g.Width, g.Stride);
            // The pixel table holds offsets inside a channel, the same for every image: made once.
            if (n == n0 && gi == 0) table = ColumnPacker<TL, TV>.Prepare(g, layout, 0, GemmDriver.RoundUp(pixels, v));
            Transpose.Run(dy + (item * m * pixels), pixels, m, pixels, gradientT);
            var sum = sums + ((long)gi * taps * m);
            for (var b = 0; b < depth.Count; b++)
            {
                var (p0, kc) = depth.Block(b);
                var beta = n == n0 && b == 0 ? 0f : 1f;
                for (var r = 0; r < rowBlocks.Count; r++)
                {
                    var (i0, rows) = rowBlocks.Block(r);
                    ColumnPacker<TL, TV>.Pack(g, layout, table, p0 / v, GemmDriver.RoundUp(kc, v) / v, i0, rows, tile, lanes, lanes / v, 0);
                    var product = new GemmProblem(false, false, rows, m, kc, 1f, tile, lanes, gradientT + ((long)p0 * m), m, beta, sum + ((long)i0 * m), m, default);
                    if (isa == GemmIsa.Avx512) WideGemm512.Run(product);
                    else SmallGemm256.Run(product);
                }
            }
        }
    }

    /// <summary>As <see cref="Images"/>, by <typeparamref name="TK"/>: a block of (image, group) pairs is copied into padded
    /// phases and its dy transposed, once; then every tile of taps and output channels sums the block's pixels in registers
    /// (a batch-reduce: C is read and written once per block, not per image).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DirectImages(ConvAttributes a, float* dy, float* x, int n0, int n1, float* sums)
    {
        var g = a.Window;
        var (m, taps, pixels, channels) = (a.OutPerGroup, a.Taps, g.Columns, a.InPerGroup);
        var (rows, cols) = (TK.Rows, TK.Cols);
        new Span<float>(sums, checked((int)((long)a.Groups * taps * m))).Clear();
        var imageFloats = PaddedPhases.FloatsFor(g, channels);
        var images = ImagesPerBlock(a, n0, n1);
        var image = PaddedPhases.Zeroed(g, channels, images);
        var offsets = (int*)PackBuffer.ForLanes(taps);
        image.WriteTapOffsets(offsets, channels);
        var gradientT = PackBuffer.ForB((nint)images * pixels * m);
        for (var gi = 0; gi < a.Groups; gi++)
        for (var n = n0; n < n1; n += images)
        {
            var count = Math.Min(images, n1 - n);
            for (var k = 0; k < count; k++)
            {
                var item = ((long)(n + k) * a.Groups) + gi;
                image.CopyFrom(x + (item * channels * g.Height * g.Width), channels, k);
                Transpose.Run(dy + (item * m * pixels), pixels, m, pixels, gradientT + ((long)k * pixels * m));
            }
            var block = new PixelBlock(count, (nint)imageFloats, (nint)pixels * m, g.OutHeight, g.OutWidth, image.PhaseWidth);
            var sum = sums + ((long)gi * taps * m);
            for (var j0 = 0; j0 < m; j0 += cols)
            for (var t0 = 0; t0 < taps; t0 += rows)
                TK.Run(image.Pixels, offsets + t0, Math.Min(rows, taps - t0), block, gradientT + j0, m, sum + ((long)t0 * m) + j0, m, Math.Min(cols, m - j0));
        }
    }

    /// <summary>As <see cref="DirectImages"/>, by <see cref="PixelLaneWeightGradient512"/>: the block's images are copied
    /// into padded phases and dy is read where it lies; every tile of 6 taps x 4 output channels sums the block's pixels
    /// in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PixelLaneImages(ConvAttributes a, float* dy, float* x, int n0, int n1, float* sums)
    {
        var g = a.Window;
        var (m, taps, pixels, channels) = (a.OutPerGroup, a.Taps, g.Columns, a.InPerGroup);
        var (rows, cols) = (PixelLaneWeightGradient512.Taps, PixelLaneWeightGradient512.Outputs);
        new Span<float>(sums, checked((int)((long)a.Groups * taps * m))).Clear();
        var images = ImagesPerBlock(a, n0, n1);
        var image = PaddedPhases.Zeroed(g, channels, images);
        var offsets = (int*)PackBuffer.ForLanes(taps);
        image.WriteTapOffsets(offsets, channels);
        for (var gi = 0; gi < a.Groups; gi++)
        for (var n = n0; n < n1; n += images)
        {
            var count = Math.Min(images, n1 - n);
            for (var k = 0; k < count; k++) image.CopyFrom(x + ((((long)(n + k) * a.Groups) + gi) * channels * g.Height * g.Width), channels, k);
            var block = new PixelBlock(count, (nint)PaddedPhases.FloatsFor(g, channels), (nint)a.Groups * m * pixels, g.OutHeight, g.OutWidth, image.PhaseWidth);
            var gradient = dy + ((((long)n * a.Groups) + gi) * m * pixels);
            var sum = sums + ((long)gi * taps * m);
            for (var t0 = 0; t0 < taps; t0 += rows)
            for (var j0 = 0; j0 < m; j0 += cols)
            {
                PixelLaneWeightGradient512.Run(image.Pixels, offsets + t0, Math.Min(rows, taps - t0), block, gradient + ((long)j0 * pixels), pixels,
                    Math.Min(cols, m - j0), sum + ((long)t0 * m) + j0, m);
            }
        }
    }

    /// <summary>Images per block of the paths that read padded copies: the block's padded images and its dy (or dyᵀ) are
    /// what every tile streams, so together they take half of L2 (the GEMM's rule for its A block).</summary>
    private static int ImagesPerBlock(ConvAttributes a, int n0, int n1)
    {
        var perImage = (PaddedPhases.FloatsFor(a.Window, a.InPerGroup) + ((long)a.Window.Columns * a.OutPerGroup)) * sizeof(float);
        return (int)Math.Clamp(CpuCaches.Current.L2OrDefault / 2 / perImage, 1, Math.Max(1, n1 - n0));
    }
}

/// <summary>How <see cref="ConvWeightGradient{TK, TL, TV}"/> reads the images.</summary>
internal enum WeightGradientPath { Packed, Direct, PixelLanes }
