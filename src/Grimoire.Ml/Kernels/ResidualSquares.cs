using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Grimoire.Kernels;

namespace Grimoire.Ml.Kernels;

/// <summary>The residual sum of squares of a linear fit on centred data, Σᵢ ((yᵢ − ȳ) − (xᵢ − μ)·w)², in one pass over
/// the rows with no temporaries. Centred, the products stay the size of the deviations even when the columns have
/// large means, so a near-perfect fit's residuals are not lost to cancellation between x·w and the intercept.</summary>
internal static unsafe class ResidualSquares
{
    public static double Centred(HostValues x, double[] mean, HostValues y, double yMean, double[] w, Isa? isa = null)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(mean.Length, x.Columns);
        ArgumentOutOfRangeException.ThrowIfNotEqual(w.Length, x.Columns);
        ArgumentOutOfRangeException.ThrowIfNotEqual(y.Rows * y.Columns, x.Rows);
        return (isa ?? IsaSupport.Widest()) switch
        {
            Isa.Avx512 => Centred<Lanes512, Vector512<double>>(x, mean, y, yMean, w),
            Isa.Avx2 => Centred<Lanes256, Vector256<double>>(x, mean, y, yMean, w),
            _ => Centred<Lanes1, double>(x, mean, y, yMean, w),
        };
    }

    private static double Centred<TL, TV>(HostValues x, double[] mean, HostValues y, double yMean, double[] w) where TL : struct, ILanes<TV> where TV : struct
    {
        var chunks = HostParallel.Chunks(x.Rows, HostParallel.MinItemsPerChunk(x.Columns));
        var partial = new double[Math.Max(1, chunks)];
        HostParallel.ForChunks(x.Rows, chunks, (chunk, start, end) => partial[chunk] = Rows<TL, TV>(x, mean, y, yMean, w, start, end));
        var total = 0.0;
        foreach (var p in partial) total += p;
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Rows<TL, TV>(HostValues x, double[] mean, HostValues y, double yMean, double[] w, int start, int end) where TL : struct, ILanes<TV> where TV : struct
    {
        var d = x.Columns;
        var sum = 0.0;
        fixed (double* values = x.Span, targets = y.Span, mu = mean, coef = w)
        {
            for (long i = start; i < end; i++)
            {
                var row = values + i * d;
                var acc = TL.Zero;
                var f = 0;
                for (; f <= d - TL.Count; f += TL.Count) acc = TL.Fma(TL.Sub(TL.Load(row + f), TL.Load(mu + f)), TL.Load(coef + f), acc);
                var fitted = TL.Sum(acc);
                for (; f < d; f++) fitted = Math.FusedMultiplyAdd(row[f] - mu[f], coef[f], fitted);
                var residual = targets[i] - yMean - fitted;
                sum = Math.FusedMultiplyAdd(residual, residual, sum);
            }
        }
        return sum;
    }
}
