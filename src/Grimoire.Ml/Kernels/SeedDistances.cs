using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Grimoire.Kernels;

namespace Grimoire.Ml.Kernels;

/// <summary>
/// k-means++ seeding's pass (book §4.2): each row's squared distance to the nearest center chosen so far, lowered in place
/// by one new center, and the total of those distances, which the next center is drawn against. Rows go through in
/// blocks transposed into lanes (<see cref="Lanes.TransposeRows"/>, as in <see cref="NearestCenters"/>), so each row's distance is the
/// same fused multiply-add chain over its features at every width; the differences are exact (x − c)², so a row that
/// is a center is at distance 0 and is never drawn again. Threads take row ranges whose partial totals are added in
/// range order.
/// </summary>
internal static unsafe class SeedDistances
{
    /// <param name="x">The rows [n, d].</param>
    /// <param name="center">The new center [d].</param>
    /// <param name="nearest">[n]: each row's squared distance to the nearest earlier center (+∞ before the first),
    /// replaced by the smaller of it and the distance to <paramref name="center"/>.</param>
    /// <param name="isa">The lane width to run at (tests force each); the widest usable when null.</param>
    /// <returns>Σ nearest after the update.</returns>
    public static double Lower(HostValues x, double[] center, double[] nearest, Isa? isa = null)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(center.Length, x.Columns);
        ArgumentOutOfRangeException.ThrowIfNotEqual(nearest.Length, x.Rows);
        return (isa ?? IsaSupport.Widest()) switch
        {
            Isa.Avx512 => Lower<Lanes512, Vector512<double>>(x, center, nearest),
            Isa.Avx2 => Lower<Lanes256, Vector256<double>>(x, center, nearest),
            _ => Lower<Lanes1, double>(x, center, nearest),
        };
    }

    private static double Lower<TL, TV>(HostValues x, double[] center, double[] nearest) where TL : struct, ILanes<TV> where TV : struct
    {
        var chunks = HostParallel.Chunks(x.Rows, HostParallel.MinItemsPerChunk(x.Columns));
        var totals = new double[Math.Max(1, chunks)];
        HostParallel.ForChunks(x.Rows, chunks, (chunk, start, end) => totals[chunk] = Rows<TL, TV>(x, center, nearest, start, end));
        var total = 0.0;
        foreach (var part in totals) total += part;
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Rows<TL, TV>(HostValues x, double[] center, double[] nearest, int start, int end) where TL : struct, ILanes<TV> where TV : struct
    {
        var (d, w) = (x.Columns, TL.Count);
        var transposed = new double[(long)d * w];
        var total = 0.0;
        fixed (double* values = x.Span, c = center, near = nearest, xt = transposed)
        {
            long i0 = start;
            for (; i0 + w <= end; i0 += w)
            {
                Lanes.TransposeRows(values, d, i0, w, w, xt);
                var distance = TL.Zero;
                for (var f = 0; f < d; f++)
                {
                    var difference = TL.Sub(TL.Load(xt + (long)f * w), TL.Splat(c[f]));
                    distance = TL.Fma(difference, difference, distance);
                }
                var earlier = TL.Load(near + i0);
                TL.Store(near + i0, TL.Select(TL.LessThan(distance, earlier), distance, earlier));
                for (var r = 0; r < w; r++) total += near[i0 + r];
            }
            for (; i0 < end; i0++)
            {
                var row = values + i0 * d;
                var distance = 0.0;
                for (var f = 0; f < d; f++) distance = Math.FusedMultiplyAdd(row[f] - c[f], row[f] - c[f], distance);
                if (distance < near[i0]) near[i0] = distance;
                total += near[i0];
            }
        }
        return total;
    }
}
