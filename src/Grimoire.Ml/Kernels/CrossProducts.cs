using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Grimoire.Kernels;

namespace Grimoire.Ml.Kernels;

/// <summary>
/// The normal equations' products on centred data without a centred copy: G = (X − 1μᵀ)ᵀ(X − 1μᵀ) [d, d] and, given a
/// target, m = (X − 1μᵀ)ᵀ(y − ȳ) [d], in one pass over the rows of X. A block of rows is packed minus μ into column
/// panels (the centring costs one subtraction per element, where the centred copy cost a second 8·n·d-byte array and its
/// page faults), m takes its share from the packed rows, and only the tiles of G on or above the diagonal are
/// computed, syrk-style (half the FLOPs of the full product), then mirrored. Each tile is a register block of four rows
/// of G by two vectors, accumulated over the whole depth block. Threads take row ranges with their own G and m, added
/// in range order.
/// </summary>
internal static unsafe class CrossProducts
{
    private const int TileRows = 4;

    /// <summary>Doubles of packed panel a thread keeps (in L2 while every tile of the block sweeps it).</summary>
    private const int PanelDoubles = 32 * 1024;

    public sealed record Result(double[] Gram, double[]? Moment);

    /// <param name="x">X [n, d].</param>
    /// <param name="mean">μ [d], subtracted from every row (zeros for products about the origin).</param>
    /// <param name="y">y [n] for m, or null for G alone.</param>
    /// <param name="yMean">ȳ, subtracted from y.</param>
    /// <param name="isa">The lane width to run at (tests force each); the widest usable when null.</param>
    public static Result Compute(HostValues x, double[] mean, HostValues? y, double yMean, Isa? isa = null)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(mean.Length, x.Columns);
        if (y is not null) ArgumentOutOfRangeException.ThrowIfNotEqual(y.Rows * y.Columns, x.Rows);
        return (isa ?? IsaSupport.Widest()) switch
        {
            Isa.Avx512 => Compute<Lanes512, Vector512<double>>(x, mean, y, yMean),
            Isa.Avx2 => Compute<Lanes256, Vector256<double>>(x, mean, y, yMean),
            _ => Compute<Lanes1, double>(x, mean, y, yMean),
        };
    }

    /// <summary>The shapes one thread's pass works in: panels of <see cref="Width"/> columns (two vectors), the columns
    /// padded to whole panels and the rows of G to whole tiles, and the depth of a packed block.</summary>
    private readonly record struct Layout(int Columns, int Width, int Panels, int Depth)
    {
        public int PaddedColumns => Panels * Width;

        public int PaddedRows => (Columns + TileRows - 1) / TileRows * TileRows;

        public static Layout For(int columns, int lanes)
        {
            var width = 2 * lanes;
            var panels = (columns + width - 1) / width;
            return new Layout(columns, width, panels, Math.Clamp(PanelDoubles / (panels * width), 16, 256));
        }
    }

    private static Result Compute<TL, TV>(HostValues x, double[] mean, HostValues? y, double yMean) where TL : struct, ILanes<TV> where TV : struct
    {
        var (n, d) = (x.Rows, x.Columns);
        var layout = Layout.For(d, TL.Count);
        // One row costs about d²/2 multiply-adds. Each thread keeps a private G, so past 64 MB of G (d above about
        // 2900) one thread runs rather than multiply the largest allocation of the fit.
        var privateBytes = 8L * layout.PaddedRows * layout.PaddedColumns;
        var chunks = privateBytes > 64L << 20 ? Math.Min(1, n) : HostParallel.Chunks(n, HostParallel.MinItemsPerChunk((long)d * d / 2));
        var grams = new double[Math.Max(1, chunks)][];
        var moments = new double[Math.Max(1, chunks)][];
        HostParallel.ForChunks(n, chunks, (chunk, start, end) =>
        {
            grams[chunk] = new double[(long)layout.PaddedRows * layout.PaddedColumns];
            moments[chunk] = new double[layout.PaddedColumns];
            Rows<TL, TV>(x, mean, y, yMean, start, end, layout, grams[chunk], moments[chunk]);
        });
        return Combine(layout, grams, moments, y is not null);
    }

    /// <summary>Adds the threads' upper triangles in order and mirrors them into a full d x d matrix.</summary>
    private static Result Combine(Layout layout, double[][] grams, double[][] moments, bool withMoment)
    {
        var d = layout.Columns;
        var gram = new double[(long)d * d];
        for (var i = 0; i < d; i++)
            for (var j = i; j < d; j++)
            {
                var sum = 0.0;
                foreach (var g in grams)
                    if (g is not null) sum += g[(long)i * layout.PaddedColumns + j];
                gram[(long)i * d + j] = sum;
                gram[(long)j * d + i] = sum;
            }
        if (!withMoment) return new Result(gram, null);
        var moment = new double[d];
        foreach (var m in moments)
            if (m is not null)
                for (var j = 0; j < d; j++) moment[j] += m[j];
        return new Result(gram, moment);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TL, TV>(HostValues x, double[] mean, HostValues? y, double yMean, int start, int end, Layout layout, double[] gram, double[] moment)
        where TL : struct, ILanes<TV> where TV : struct
    {
        var (d, width, depth) = (layout.Columns, layout.Width, layout.Depth);
        var packed = new double[(long)layout.PaddedColumns * depth];
        // Tile rows are read from the column panels when four of them lie in one panel; otherwise (one lane) from a copy.
        var rowsInPanels = width % TileRows == 0;
        var rowPanels = rowsInPanels ? null : new double[(long)layout.PaddedRows * depth];
        fixed (double* values = x.Span, targets = y is null ? default : y.Span, mu = mean, panels = packed, tileRows = rowPanels, g = gram, m = moment)
        {
            for (var b0 = start; b0 < end; b0 += depth)
            {
                var rows = Math.Min(depth, end - b0);
                for (var p = 0; p < rows; p++)
                    Pack<TL, TV>(values + (long)(b0 + p) * d, mu, p, layout, panels, tileRows, targets is null ? double.NaN : targets[b0 + p] - yMean, m);
                for (var i = 0; i < d; i += TileRows)
                {
                    var a = rowsInPanels ? panels + (long)(i / width) * depth * width + i % width : tileRows + (long)i * depth;
                    var aStride = rowsInPanels ? width : TileRows;
                    for (var jp = i / width; jp < layout.Panels; jp++)
                        Tile<TL, TV>(a, aStride, panels + (long)jp * depth * width, rows, g + (long)i * layout.PaddedColumns + jp * width, layout.PaddedColumns);
                }
            }
        }
    }

    /// <summary>Row p of the block minus μ into each column panel (padding columns zero); adds its share
    /// (xₚ − μ)(yₚ − ȳ) to m when <paramref name="target"/> is a number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pack<TL, TV>(double* row, double* mu, int p, Layout layout, double* panels, double* tileRows, double target, double* m)
        where TL : struct, ILanes<TV> where TV : struct
    {
        var (d, width, depth) = (layout.Columns, layout.Width, layout.Depth);
        var withMoment = !double.IsNaN(target);
        var t = TL.Splat(target);
        for (var jp = 0; jp < layout.Panels; jp++)
        {
            var to = panels + ((long)jp * depth + p) * width;
            var f0 = jp * width;
            if (f0 + width <= d)
            {
                for (var c = 0; c < width; c += TL.Count)
                {
                    var v = TL.Sub(TL.Load(row + f0 + c), TL.Load(mu + f0 + c));
                    TL.Store(to + c, v);
                    if (withMoment) TL.Store(m + f0 + c, TL.Fma(v, t, TL.Load(m + f0 + c)));
                }
            }
            else
            {
                for (var c = 0; c < width; c++)
                {
                    var f = f0 + c;
                    to[c] = f < d ? row[f] - mu[f] : 0;
                    if (withMoment && f < d) m[f] = Math.FusedMultiplyAdd(to[c], target, m[f]);
                }
            }
        }
        if (tileRows is null) return;
        for (var f = 0; f < layout.PaddedRows; f++)
            tileRows[((long)(f / TileRows) * depth + p) * TileRows + f % TileRows] = f < d ? row[f] - mu[f] : 0;
    }

    /// <summary>C[0..4, 0..width) += Σₚ a[p]ᵀ·b[p] over the block: four rows of G by two vectors held in eight registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<TL, TV>(double* a, int aStride, double* b, int rows, double* c, int ldc) where TL : struct, ILanes<TV> where TV : struct
    {
        var w = TL.Count;
        TV c00 = TL.Load(c), c01 = TL.Load(c + w);
        TV c10 = TL.Load(c + ldc), c11 = TL.Load(c + ldc + w);
        TV c20 = TL.Load(c + 2 * ldc), c21 = TL.Load(c + 2 * ldc + w);
        TV c30 = TL.Load(c + 3 * ldc), c31 = TL.Load(c + 3 * ldc + w);
        var bStride = 2 * w;
        for (var p = 0; p < rows; p++, a += aStride, b += bStride)
        {
            var (b0, b1) = (TL.Load(b), TL.Load(b + w));
            var a0 = TL.Splat(a[0]);
            c00 = TL.Fma(a0, b0, c00);
            c01 = TL.Fma(a0, b1, c01);
            var a1 = TL.Splat(a[1]);
            c10 = TL.Fma(a1, b0, c10);
            c11 = TL.Fma(a1, b1, c11);
            var a2 = TL.Splat(a[2]);
            c20 = TL.Fma(a2, b0, c20);
            c21 = TL.Fma(a2, b1, c21);
            var a3 = TL.Splat(a[3]);
            c30 = TL.Fma(a3, b0, c30);
            c31 = TL.Fma(a3, b1, c31);
        }
        TL.Store(c, c00);
        TL.Store(c + w, c01);
        TL.Store(c + ldc, c10);
        TL.Store(c + ldc + w, c11);
        TL.Store(c + 2 * ldc, c20);
        TL.Store(c + 2 * ldc + w, c21);
        TL.Store(c + 3 * ldc, c30);
        TL.Store(c + 3 * ldc + w, c31);
    }
}
