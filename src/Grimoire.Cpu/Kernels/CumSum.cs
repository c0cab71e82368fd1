using System.Numerics;
using System.Runtime.CompilerServices;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>Cumulative sums over [outer, length, inner], accumulating in double so a float32 line of any length keeps
/// the reference's accuracy (and a long episode's returns do not drift). When the scanned axis is innermost each line is
/// one sequential scan, lines in parallel. Otherwise a block of up to <see cref="ColumnBlock"/> neighbouring columns is
/// scanned together, row by row: each step reads one contiguous run of the input and adds it, widened to double by
/// Vector&lt;T&gt;, to a row of accumulators that stays in L1. Blocks run in parallel. Memory-bound, so one kernel for
/// every ISA.</summary>
internal static unsafe class CumSum<T> where T : unmanaged, INumber<T>
{
    private const int ColumnBlock = 512;

    public static void Run(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (ScanAttributes)attributes!;
        var (x, y) = ((nint)inputs[0].HostPointer<T>(), (nint)output.HostPointer<T>());
        if (s.Inner == 1)
        {
            CpuParallel.For(s.Outer, CpuParallel.MinItemsPerChunk(s.Length), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (o0, o1) =>
            {
                for (var o = o0; o < o1; o++) ScanLine((T*)x + (long)o * s.Length, (T*)y + (long)o * s.Length, s.Length, s.Reverse);
            });
            return;
        }
        var blocks = (s.Inner + ColumnBlock - 1) / ColumnBlock;
        CpuParallel.For(s.Outer * blocks, CpuParallel.MinItemsPerChunk((long)s.Length * Math.Min(ColumnBlock, s.Inner)), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b0, b1) =>
        {
            var sums = stackalloc double[ColumnBlock];
            for (var b = b0; b < b1; b++)
            {
                var (o, first) = (b / blocks, b % blocks * ColumnBlock);
                var start = (long)o * s.Length * s.Inner + first;
                ScanColumns((T*)x + start, (T*)y + start, sums, s, Math.Min(ColumnBlock, s.Inner - first));
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScanLine(T* x, T* y, int length, bool reverse)
    {
        var sum = 0.0;
        if (reverse)
        {
            for (var i = length - 1; i >= 0; i--) y[i] = T.CreateTruncating(sum += double.CreateTruncating(x[i]));
        }
        else
        {
            for (var i = 0; i < length; i++) y[i] = T.CreateTruncating(sum += double.CreateTruncating(x[i]));
        }
    }

    /// <summary>Scans <paramref name="width"/> columns starting at <paramref name="x"/>, rows <c>s.Inner</c> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScanColumns(T* x, T* y, double* sums, ScanAttributes s, int width)
    {
        new Span<double>(sums, width).Clear();
        for (var step = 0; step < s.Length; step++)
        {
            var row = (long)(s.Reverse ? s.Length - 1 - step : step) * s.Inner;
            AddRow(x + row, y + row, sums, width);
        }
    }

    /// <summary>sums += x, then y = sums, over one row of a column block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(T* x, T* y, double* sums, int width)
    {
        var i = 0;
        if (typeof(T) == typeof(float))
        {
            float* xs = (float*)x, ys = (float*)y;
            for (; i <= width - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(Vector.Load(xs + i), out var low, out var high);
                var (sumLow, sumHigh) = (Vector.Load(sums + i) + low, Vector.Load(sums + i + Vector<double>.Count) + high);
                Vector.Store(sumLow, sums + i);
                Vector.Store(sumHigh, sums + i + Vector<double>.Count);
                Vector.Store(Vector.Narrow(sumLow, sumHigh), ys + i);
            }
        }
        else if (typeof(T) == typeof(double))
        {
            double* xs = (double*)x, ys = (double*)y;
            for (; i <= width - Vector<double>.Count; i += Vector<double>.Count)
            {
                var sum = Vector.Load(sums + i) + Vector.Load(xs + i);
                Vector.Store(sum, sums + i);
                Vector.Store(sum, ys + i);
            }
        }
        for (; i < width; i++) y[i] = T.CreateTruncating(sums[i] += double.CreateTruncating(x[i]));
    }
}
