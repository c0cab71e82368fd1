using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Grimoire.Kernels;

namespace Grimoire.Ml.Kernels;

/// <summary>Per-column sums over the rows of a row-major matrix, vectorised across the columns so each row is read
/// once and in order: the column means the linear models centre with, and the squared deviations about them that
/// k-means scales its tolerance by. Threads take row ranges and their partial sums are added in range order.</summary>
internal static unsafe class ColumnMoments
{
    /// <summary>The mean of each column.</summary>
    public static double[] Means(HostValues x, Isa? isa = null)
    {
        var sums = Sums(x, centre: null, isa ?? IsaSupport.Widest());
        for (var f = 0; f < sums.Length; f++) sums[f] /= x.Rows;
        return sums;
    }

    /// <summary>Σᵢ (xᵢⱼ − centreⱼ)² for each column j.</summary>
    public static double[] SquaredDeviations(HostValues x, double[] centre, Isa? isa = null)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(centre.Length, x.Columns);
        return Sums(x, centre, isa ?? IsaSupport.Widest());
    }

    private static double[] Sums(HostValues x, double[]? centre, Isa isa) => isa switch
    {
        Isa.Avx512 => Sums<Lanes512, Vector512<double>>(x, centre),
        Isa.Avx2 => Sums<Lanes256, Vector256<double>>(x, centre),
        _ => Sums<Lanes1, double>(x, centre),
    };

    private static double[] Sums<TL, TV>(HostValues x, double[]? centre) where TL : struct, ILanes<TV> where TV : struct
    {
        var (n, d) = (x.Rows, x.Columns);
        var chunks = HostParallel.Chunks(n, HostParallel.MinItemsPerChunk(d));
        var partial = new double[Math.Max(1, chunks)][];
        HostParallel.ForChunks(n, chunks, (chunk, start, end) => partial[chunk] = Rows<TL, TV>(x, centre, start, end));
        var total = partial[0] ?? new double[d];
        for (var c = 1; c < chunks; c++)
            for (var f = 0; f < d; f++) total[f] += partial[c][f];
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Rows<TL, TV>(HostValues x, double[]? centre, int start, int end) where TL : struct, ILanes<TV> where TV : struct
    {
        var d = x.Columns;
        var sums = new double[d];
        fixed (double* values = x.Span, acc = sums, mean = centre)
        {
            for (long i = start; i < end; i++)
            {
                var row = values + i * d;
                var f = 0;
                for (; f <= d - TL.Count; f += TL.Count)
                {
                    var v = TL.Load(row + f);
                    TL.Store(acc + f, mean is null ? TL.Add(TL.Load(acc + f), v) : Squared<TL, TV>(TL.Sub(v, TL.Load(mean + f)), TL.Load(acc + f)));
                }
                for (; f < d; f++) acc[f] = mean is null ? acc[f] + row[f] : Math.FusedMultiplyAdd(row[f] - mean[f], row[f] - mean[f], acc[f]);
            }
        }
        return sums;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Squared<TL, TV>(TV deviation, TV acc) where TL : struct, ILanes<TV> where TV : struct => TL.Fma(deviation, deviation, acc);
}
