using System.Runtime.CompilerServices;
using Grimoire.Kernels;

namespace Grimoire.Ml.Kernels;

/// <summary>The column-major, centred copy of X that coordinate descent walks a column at a time, and each column's
/// squared norm, made in one pass over the rows: a block of rows (in cache) is written out column by column, so each
/// write is a run of the block's length and X is read once. Threads take row ranges, which write disjoint parts of
/// every column; their partial norms are added in range order.</summary>
internal static unsafe class CentredColumns
{
    private const int BlockRows = 64;

    public sealed record Result(double[] Columns, double[] SquaredNorms);

    /// <summary>Column j of the result is (x[·, j] − mean[j]), at [j·n, (j + 1)·n).</summary>
    public static Result Of(HostValues x, double[] mean)
    {
        var (n, d) = (x.Rows, x.Columns);
        ArgumentOutOfRangeException.ThrowIfNotEqual(mean.Length, d);
        var columns = GC.AllocateUninitializedArray<double>(checked(n * d));
        var chunks = HostParallel.Chunks(n, HostParallel.MinItemsPerChunk(d));
        var norms = new double[Math.Max(1, chunks)][];
        HostParallel.ForChunks(n, chunks, (chunk, start, end) => norms[chunk] = Rows(x, mean, columns, start, end));
        var total = norms[0] ?? new double[d];
        for (var c = 1; c < chunks; c++)
            for (var j = 0; j < d; j++) total[j] += norms[c][j];
        return new Result(columns, total);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Rows(HostValues x, double[] mean, double[] columns, int start, int end)
    {
        var (n, d) = (x.Rows, x.Columns);
        var norms = new double[d];
        fixed (double* values = x.Span, to = columns, mu = mean, norm = norms)
        {
            for (var i0 = start; i0 < end; i0 += BlockRows)
            {
                var rows = Math.Min(BlockRows, end - i0);
                for (var j = 0; j < d; j++)
                {
                    var from = values + (long)i0 * d + j;
                    var into = to + (long)j * n + i0;
                    var (centre, sum) = (mu[j], norm[j]);
                    for (var r = 0; r < rows; r++)
                    {
                        var v = from[(long)r * d] - centre;
                        into[r] = v;
                        sum = Math.FusedMultiplyAdd(v, v, sum);
                    }
                    norm[j] = sum;
                }
            }
        }
        return norms;
    }
}
