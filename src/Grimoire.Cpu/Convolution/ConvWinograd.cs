using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Grimoire.Cpu.Gemm;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>3x3, stride-1 conv2d by Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray): each 2x2 block of outputs
/// comes from a 4x4 window of inputs as Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A, so the 36 multiplies of a direct block become 16,
/// done as 16 GEMMs (one per transformed position ξ) of U_ξ (cout/g x cin/g) by V_ξ (cin/g x tiles). The 4x4 windows are
/// the im2col of a 4x4, stride-2 convolution, packed by <see cref="ColumnPacker{TL, TV}"/> from the image's stride phases
/// and transformed in registers straight into the GEMM's B panels; the output transform adds the bias and writes the
/// 2x2 blocks back as NCHW rows. Transforms have coefficients 0, ±1 and ±½, so the rounding stays that of a few more
/// float additions. Used where it pays: both channel counts per group at least <see cref="MinChannels"/> (the GEMMs' depth
/// and rows) and an even output size (whole 2x2 tiles).</summary>
internal static unsafe class ConvWinograd<TKernel, TL, TV> where TKernel : struct, IMicroKernel where TL : IConvLanes<TV> where TV : struct
{
    /// <summary>Fewer channels per group leave the 16 GEMMs too shallow or too short to repay the transforms.</summary>
    public const int MinChannels = 16;

    // Transformed positions per tile (4 x 4), and the tiles a work item's GEMMs aim for as columns (whole images):
    // its B and M operands (16 x channels x tiles each) then stay in L2.
    private const int Positions = 16;
    private const int TargetTiles = 64;

    public static bool Applies(ConvAttributes a)
    {
        var g = a.Window;
        return g.KernelHeight == 3 && g.KernelWidth == 3 && g.Stride == 1 && g.Dilation == 1 && g.OutHeight % 2 == 0 && g.OutWidth % 2 == 0
            && a.InPerGroup >= MinChannels && a.OutPerGroup >= MinChannels;
    }

    /// <summary>y = x ⊛ w (+ bias per output channel) for a convolution <see cref="Applies"/> accepts.</summary>
    public static void Run(GemmIsa isa, ConvAttributes a, float* x, float* w, float* bias, float* y)
    {
        var g = a.Window;
        var (m, c, v) = (a.OutPerGroup, a.InPerGroup, TL.Count);
        // Output tile (ty, tx) reads input rows 2·ty − p … 2·ty − p + 3 and the same columns: a 4x4 window at stride 2.
        var windows = new UnfoldGeometry(g.Batch, g.Channels, g.Height, g.Width, 4, 4, 2, g.Padding);
        var tileLanes = GemmDriver.RoundUp(windows.Columns, v);
        var pairs = (long)g.Batch * a.Groups;
        var perItem = (int)Math.Clamp(Math.Min(TargetTiles / tileLanes, pairs / (2L * CpuParallel.Threads)), 1, g.Batch);
        var panelRows = GemmDriver.RoundUp(m, TKernel.Mr);
        var transformed = (float*)NativeMemory.AlignedAlloc((nuint)((long)a.Groups * Positions * panelRows * c * sizeof(float)), 64);
        try
        {
            TransformWeights(a, w, panelRows, transformed);
            var itemsPerGroup = (g.Batch + perItem - 1) / perItem;
            var (px, pu, pb, py) = ((nint)x, (nint)transformed, (nint)bias, (nint)y);
            CpuParallel.For(a.Groups * itemsPerGroup, 1, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i0, i1) =>
            {
                for (var item = i0; item < i1; item++)
                {
                    var (gi, block) = Math.DivRem(item, itemsPerGroup);
                    var n0 = block * perItem;
                    var groupBias = bias == null ? null : (float*)pb + ((long)gi * m);
                    Images(a, windows, (float*)px, (float*)pu + ((long)gi * Positions * panelRows * c), groupBias, (float*)py, gi, n0, Math.Min(g.Batch, n0 + perItem));
                }
            });
        }
        finally
        {
            NativeMemory.AlignedFree(transformed);
        }
    }

    /// <summary>Images [n0, n1) of group <paramref name="gi"/>: their windows transformed into the B panels of the 16
    /// GEMMs (tiles as columns, image after image), the GEMMs, then the output transform.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Images(ConvAttributes a, UnfoldGeometry windows, float* x, float* u, float* bias, float* y, int gi, int n0, int n1)
    {
        var g = a.Window;
        var (m, c, v, nr) = (a.OutPerGroup, a.InPerGroup, TL.Count, TKernel.Nr);
        var tileLanes = GemmDriver.RoundUp(windows.Columns, v);
        var lanes = GemmDriver.RoundUp((n1 - n0) * tileLanes, nr);
        var panelRows = GemmDriver.RoundUp(m, TKernel.Mr);
        var windows4 = PackBuffer.ForA((nint)c * Positions * tileLanes);
        var panels = PackBuffer.ForB((nint)Positions * c * lanes);
        var products = PackBuffer.ForTile((nint)Positions * m * lanes);
        var scratch = stackalloc float[Positions * TL.Count];
        var table = default(ColumnPacker<TL, TV>.PixelTable);
        for (var n = n0; n < n1; n++)
        {
            var channels = x + ((((long)n * a.Groups) + gi) * c * g.Height * g.Width);
            var layout = StridePhases<TL, TV>.Split(channels, c, g.Height, g.Width, 2);
            if (n == n0) table = ColumnPacker<TL, TV>.Prepare(windows, layout, 0, tileLanes);
            ColumnPacker<TL, TV>.Pack(windows, layout, table, 0, table.Chunks, 0, c * Positions, windows4, tileLanes, table.Chunks, 0);
            for (var ci = 0; ci < c; ci++)
            for (var lane = 0; lane < tileLanes; lane += v)
            {
                var column = ((n - n0) * tileLanes) + lane;
                TransformInput(windows4 + ((long)ci * Positions * tileLanes) + lane, tileLanes, scratch, panels + ((long)column / nr * c * nr) + ((long)ci * nr) + (column % nr), (nint)c * lanes);
            }
        }
        // Columns past the last image's tiles hold whatever the scratch held; their products are never read.
        var used = (n1 - n0) * tileLanes;
        for (var xi = 0; xi < Positions; xi++)
            GemmDriver.Macro<TKernel>(c, m, used, u + ((long)xi * panelRows * c), panels + ((long)xi * c * lanes), products + ((long)xi * m * lanes), lanes, 1f, 0f);
        for (var n = n0; n < n1; n++)
        {
            var output = y + ((((long)n * a.OutChannels) + ((long)gi * m)) * g.Columns);
            for (var o = 0; o < m; o++)
                TransformOutput(products + ((long)o * lanes) + ((n - n0) * tileLanes), (nint)m * lanes, windows.Columns, g.OutWidth, bias == null ? 0f : bias[o], output + ((long)o * g.Columns));
        }
    }

    /// <summary>V = Bᵀ d B for the windows of one vector of tiles (d[r][s] is row r·4 + s of <paramref name="d"/>, rows
    /// <paramref name="ld"/> apart), position ξ written at <paramref name="v"/> + ξ·<paramref name="positionStride"/>;
    /// <paramref name="t"/> holds 16 vectors of scratch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransformInput(float* d, nint ld, float* t, float* v, nint positionStride)
    {
        // Rows first (d·B along each window row), then columns (Bᵀ· on the results), four vectors at a time.
        for (var r = 0; r < 4; r++)
        {
            TV d0 = TL.Load(d + (((4 * r) + 0) * ld)), d1 = TL.Load(d + (((4 * r) + 1) * ld)), d2 = TL.Load(d + (((4 * r) + 2) * ld)), d3 = TL.Load(d + (((4 * r) + 3) * ld));
            TL.Store(t + ((4 * r) + 0) * TL.Count, TL.Sub(d0, d2));
            TL.Store(t + ((4 * r) + 1) * TL.Count, TL.Add(d1, d2));
            TL.Store(t + ((4 * r) + 2) * TL.Count, TL.Sub(d2, d1));
            TL.Store(t + ((4 * r) + 3) * TL.Count, TL.Sub(d1, d3));
        }
        for (var j = 0; j < 4; j++)
        {
            TV t0 = TL.Load(t + (j * TL.Count)), t1 = TL.Load(t + ((4 + j) * TL.Count)), t2 = TL.Load(t + ((8 + j) * TL.Count)), t3 = TL.Load(t + ((12 + j) * TL.Count));
            TL.Store(v + (j * positionStride), TL.Sub(t0, t2));
            TL.Store(v + ((4 + j) * positionStride), TL.Add(t1, t2));
            TL.Store(v + ((8 + j) * positionStride), TL.Sub(t2, t1));
            TL.Store(v + ((12 + j) * positionStride), TL.Sub(t1, t3));
        }
    }

    /// <summary>Y = Aᵀ M A (+ bias) for one output channel's <paramref name="tiles"/> tiles (position ξ of tile t at
    /// m + ξ·<paramref name="positionStride"/> + t), written as 2x2 blocks into the channel's rows of <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransformOutput(float* m, nint positionStride, int tiles, int outWidth, float bias, float* y)
    {
        var tileColumns = outWidth / 2;
        var rows = stackalloc float[4 * TL.Count];
        var s = stackalloc float[8 * TL.Count];
        var pairs = stackalloc float[4 * TL.Count];
        var b = TL.Splat(bias);
        for (var t0 = 0; t0 < tiles; t0 += TL.Count)
        {
            // Columns first (M·A along each row of the 4x4 block), then rows (Aᵀ·).
            for (var i = 0; i < 4; i++)
            {
                TV m0 = TL.Load(m + ((4 * i) * positionStride) + t0), m1 = TL.Load(m + (((4 * i) + 1) * positionStride) + t0);
                TV m2 = TL.Load(m + (((4 * i) + 2) * positionStride) + t0), m3 = TL.Load(m + (((4 * i) + 3) * positionStride) + t0);
                TL.Store(s + ((2 * i) * TL.Count), TL.Add(TL.Add(m0, m1), m2));
                TL.Store(s + (((2 * i) + 1) * TL.Count), TL.Sub(TL.Sub(m1, m2), m3));
            }
            for (var bcol = 0; bcol < 2; bcol++)
            {
                TV s0 = TL.Load(s + (bcol * TL.Count)), s1 = TL.Load(s + ((2 + bcol) * TL.Count)), s2 = TL.Load(s + ((4 + bcol) * TL.Count)), s3 = TL.Load(s + ((6 + bcol) * TL.Count));
                TL.Store(rows + (bcol * TL.Count), TL.Add(TL.Add(TL.Add(s0, s1), s2), b));
                TL.Store(rows + ((2 + bcol) * TL.Count), TL.Add(TL.Sub(TL.Sub(s1, s2), s3), b));
            }
            // rows: [Y00 | Y01 | Y10 | Y11], one lane per tile; interleaving columns 0 and 1 gives each output row's pixels.
            TL.Interleave(rows, rows + TL.Count, pairs);
            TL.Interleave(rows + (2 * TL.Count), rows + (3 * TL.Count), pairs + (2 * TL.Count));
            for (var t = t0; t < Math.Min(tiles, t0 + TL.Count);)
            {
                var (ty, tx) = Math.DivRem(t, tileColumns);
                var run = Math.Min(Math.Min(tiles, t0 + TL.Count), t + tileColumns - tx) - t;
                var bytes = 2L * run * sizeof(float);
                var top = y + (2L * ty * outWidth) + (2 * tx);
                Buffer.MemoryCopy(pairs + (2 * (t - t0)), top, bytes, bytes);
                Buffer.MemoryCopy(pairs + (2 * TL.Count) + (2 * (t - t0)), top + outWidth, bytes, bytes);
                t += run;
            }
        }
    }

    /// <summary>U_ξ = (G g Gᵀ)_ξ for every (output, input) channel pair of every group, packed per group and position as
    /// GEMM A panels (rows the output channels, depth the input channels).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransformWeights(ConvAttributes a, float* w, int panelRows, float* packed)
    {
        var (m, c) = (a.OutPerGroup, a.InPerGroup);
        var plain = (float*)NativeMemory.AlignedAlloc((nuint)((long)Positions * m * c * sizeof(float)), 64);
        try
        {
            var h = stackalloc float[12];
            for (var gi = 0; gi < a.Groups; gi++)
            {
                for (var o = 0; o < m; o++)
                for (var ci = 0; ci < c; ci++)
                {
                    var k = w + (((((long)gi * m) + o) * c) + ci) * 9;
                    // g·Gᵀ: each kernel row to four values, then G· on the columns.
                    for (var r = 0; r < 3; r++)
                    {
                        var (g0, g1, g2) = (k[3 * r], k[(3 * r) + 1], k[(3 * r) + 2]);
                        (h[4 * r], h[(4 * r) + 1], h[(4 * r) + 2], h[(4 * r) + 3]) = (g0, 0.5f * (g0 + g1 + g2), 0.5f * (g0 - g1 + g2), g2);
                    }
                    for (var j = 0; j < 4; j++)
                    {
                        var (h0, h1, h2) = (h[j], h[4 + j], h[8 + j]);
                        var at = ((long)o * c) + ci;
                        plain[(((0 * 4) + j) * (long)m * c) + at] = h0;
                        plain[(((1 * 4) + j) * (long)m * c) + at] = 0.5f * (h0 + h1 + h2);
                        plain[(((2 * 4) + j) * (long)m * c) + at] = 0.5f * (h0 - h1 + h2);
                        plain[(((3 * 4) + j) * (long)m * c) + at] = h2;
                    }
                }
                for (var xi = 0; xi < Positions; xi++)
                {
                    var problem = new GemmProblem(false, false, m, 0, c, 1f, plain + ((long)xi * m * c), c, null, 0, 0f, null, 0, default);
                    PackA.Run(problem, 0, 0, m, c, TKernel.Mr, packed + (((long)gi * Positions) + xi) * panelRows * c);
                }
            }
        }
        finally
        {
            NativeMemory.AlignedFree(plain);
        }
    }
}
