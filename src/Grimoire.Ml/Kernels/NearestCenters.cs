using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Grimoire.Kernels;

namespace Grimoire.Ml.Kernels;

/// <summary>
/// k-means' assignment step fused with its update sums: for every row, the nearest center under the squared Euclidean
/// distance ‖x‖² − 2x·c + ‖c‖² and that distance, and, in the same pass, each center's sum of its rows and their count.
/// Rows go through in blocks of two vectors' worth, transposed into a small buffer so that each lane is one row: the
/// cross terms x·c of four centers at a time accumulate in eight registers, and the arg-min is a lane-wise compare and
/// select, so no n x k distance matrix is ever written and each row is read once. The cross term is a fused
/// multiply-add chain over the features in order, and ties go to the lowest center index, as in the loop this replaces.
/// Threads take row ranges with their own sums, added in range order.
/// </summary>
internal static unsafe class NearestCenters
{
    /// <summary>Each row's center and squared distance (clamped at 0 against rounding), and, when asked for, each
    /// center's sum of rows [k, d] and row count.</summary>
    public sealed record Pass(int[] Labels, double[] Distances, double[]? Sums, int[]? Counts);

    /// <param name="x">The rows [n, d].</param>
    /// <param name="centers">The centers [k, d], row-major.</param>
    /// <param name="withSums">Also sum each center's rows and count them (a Lloyd step's update).</param>
    /// <param name="isa">The lane width to run at (tests force each); the widest usable when null.</param>
    public static Pass Run(HostValues x, double[] centers, bool withSums, Isa? isa = null)
    {
        var d = x.Columns;
        if (centers.Length == 0 || centers.Length % d != 0) throw new ArgumentException($"{centers.Length} center values do not make whole centers of {d} features", nameof(centers));
        return (isa ?? IsaSupport.Widest()) switch
        {
            Isa.Avx512 => Run<Lanes512, Vector512<double>>(x, centers, withSums),
            Isa.Avx2 => Run<Lanes256, Vector256<double>>(x, centers, withSums),
            _ => Run<Lanes1, double>(x, centers, withSums),
        };
    }

    private static Pass Run<TL, TV>(HostValues x, double[] centers, bool withSums) where TL : struct, ILanes<TV> where TV : struct
    {
        var (n, d) = (x.Rows, x.Columns);
        var k = centers.Length / d;
        var norms = new double[k];
        for (var j = 0; j < k; j++)
            for (var f = 0; f < d; f++) norms[j] += centers[(long)j * d + f] * centers[(long)j * d + f];
        var labels = new int[n];
        var distances = new double[n];
        var chunks = HostParallel.Chunks(n, HostParallel.MinItemsPerChunk((long)k * d));
        var sums = withSums ? new double[Math.Max(1, chunks)][] : null;
        var counts = withSums ? new int[Math.Max(1, chunks)][] : null;
        HostParallel.ForChunks(n, chunks, (chunk, start, end) =>
        {
            if (sums is not null) (sums[chunk], counts![chunk]) = (new double[(long)k * d], new int[k]);
            Rows<TL, TV>(x, centers, norms, start, end, labels, distances, sums?[chunk], counts?[chunk]);
        });
        if (sums is null) return new Pass(labels, distances, null, null);
        for (var c = 1; c < chunks; c++)
        {
            for (var e = 0; e < sums[0].Length; e++) sums[0][e] += sums[c][e];
            for (var j = 0; j < k; j++) counts![0][j] += counts[c][j];
        }
        return new Pass(labels, distances, sums[0] ?? new double[(long)k * d], counts![0] ?? new int[k]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TL, TV>(HostValues x, double[] centers, double[] centerNorms, int start, int end, int[] labels, double[] distances, double[]? sums, int[]? counts)
        where TL : struct, ILanes<TV> where TV : struct
    {
        var (d, k, w) = (x.Columns, centerNorms.Length, TL.Count);
        var block = 2 * w;
        var transposed = new double[(long)d * block];
        var lanes = new double[2 * block];
        fixed (double* values = x.Span, c = centers, cn = centerNorms, xt = transposed, lane = lanes, sum = sums)
        {
            for (long i0 = start; i0 < end; i0 += block)
            {
                var rows = (int)Math.Min(block, end - i0);
                Lanes.TransposeRows(values, d, i0, rows, block, xt);
                TV norm0 = TL.Zero, norm1 = TL.Zero;
                for (var f = 0; f < d; f++)
                {
                    var (v0, v1) = (TL.Load(xt + (long)f * block), TL.Load(xt + (long)f * block + w));
                    norm0 = TL.Fma(v0, v0, norm0);
                    norm1 = TL.Fma(v1, v1, norm1);
                }
                TV best0 = TL.Splat(double.PositiveInfinity), best1 = best0, at0 = TL.Zero, at1 = TL.Zero;
                var j = 0;
                for (; j + 4 <= k; j += 4)
                {
                    var c0 = c + (long)j * d;
                    TV a00 = TL.Zero, a01 = TL.Zero, a02 = TL.Zero, a03 = TL.Zero, a10 = TL.Zero, a11 = TL.Zero, a12 = TL.Zero, a13 = TL.Zero;
                    for (var f = 0; f < d; f++)
                    {
                        var (v0, v1) = (TL.Load(xt + (long)f * block), TL.Load(xt + (long)f * block + w));
                        var b = TL.Splat(c0[f]);
                        a00 = TL.Fma(v0, b, a00);
                        a10 = TL.Fma(v1, b, a10);
                        b = TL.Splat(c0[d + f]);
                        a01 = TL.Fma(v0, b, a01);
                        a11 = TL.Fma(v1, b, a11);
                        b = TL.Splat(c0[2 * d + f]);
                        a02 = TL.Fma(v0, b, a02);
                        a12 = TL.Fma(v1, b, a12);
                        b = TL.Splat(c0[3 * d + f]);
                        a03 = TL.Fma(v0, b, a03);
                        a13 = TL.Fma(v1, b, a13);
                    }
                    Closer<TL, TV>(norm0, a00, cn[j], j, ref best0, ref at0);
                    Closer<TL, TV>(norm1, a10, cn[j], j, ref best1, ref at1);
                    Closer<TL, TV>(norm0, a01, cn[j + 1], j + 1, ref best0, ref at0);
                    Closer<TL, TV>(norm1, a11, cn[j + 1], j + 1, ref best1, ref at1);
                    Closer<TL, TV>(norm0, a02, cn[j + 2], j + 2, ref best0, ref at0);
                    Closer<TL, TV>(norm1, a12, cn[j + 2], j + 2, ref best1, ref at1);
                    Closer<TL, TV>(norm0, a03, cn[j + 3], j + 3, ref best0, ref at0);
                    Closer<TL, TV>(norm1, a13, cn[j + 3], j + 3, ref best1, ref at1);
                }
                for (; j < k; j++)
                {
                    var cj = c + (long)j * d;
                    TV a0 = TL.Zero, a1 = TL.Zero;
                    for (var f = 0; f < d; f++)
                    {
                        var b = TL.Splat(cj[f]);
                        a0 = TL.Fma(TL.Load(xt + (long)f * block), b, a0);
                        a1 = TL.Fma(TL.Load(xt + (long)f * block + w), b, a1);
                    }
                    Closer<TL, TV>(norm0, a0, cn[j], j, ref best0, ref at0);
                    Closer<TL, TV>(norm1, a1, cn[j], j, ref best1, ref at1);
                }
                TL.Store(lane, best0);
                TL.Store(lane + w, best1);
                TL.Store(lane + block, at0);
                TL.Store(lane + block + w, at1);
                for (var r = 0; r < rows; r++)
                {
                    var (i, label) = (i0 + r, (int)lane[block + r]);
                    (labels[i], distances[i]) = (label, Math.Max(0, lane[r]));
                    if (sum is null) continue;
                    counts![label]++;
                    Accumulate<TL, TV>(sum + (long)label * d, values + i * d, d);
                }
            }
        }
    }

    /// <summary>Keeps, per lane, the smaller of the best distance so far and this center's (‖x‖² − 2x·c) + ‖c‖², and its
    /// index; a tie keeps the earlier center.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Closer<TL, TV>(TV norms, TV cross, double centerNorm, double index, ref TV best, ref TV at) where TL : struct, ILanes<TV> where TV : struct
    {
        var distance = TL.Add(TL.Sub(norms, TL.Add(cross, cross)), TL.Splat(centerNorm));
        var closer = TL.LessThan(distance, best);
        best = TL.Select(closer, distance, best);
        at = TL.Select(closer, TL.Splat(index), at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TL, TV>(double* sum, double* row, int d) where TL : struct, ILanes<TV> where TV : struct
    {
        var f = 0;
        for (; f <= d - TL.Count; f += TL.Count) TL.Store(sum + f, TL.Add(TL.Load(sum + f), TL.Load(row + f)));
        for (; f < d; f++) sum[f] += row[f];
    }
}
