using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>
/// Float64 unary functions, add, sub, mul, div, minimum and sum for the classical models (centring, residuals, means), which would
/// otherwise run on the reference's per-element index arithmetic. Each row of the strided layout is one
/// TensorPrimitives call when its operands are dense or broadcast scalars along the row, and a plain loop
/// otherwise. Sum adds dense rows with TensorPrimitives and columns row by row into the output.
/// </summary>
internal static unsafe class DoubleElementwise
{
    public enum Operation { Add, Sub, Mul, Div, Minimum }

    /// <summary>Unary ops over the contiguous input in chunks per core; TensorPrimitives' float64 functions are
    /// correctly rounded or within an ulp or two, well inside the float64 tolerance.</summary>
    public static Grimoire.Kernels.KernelBody Unary(string op) => (inputs, output, _) =>
    {
        var (x, y) = ((nint)inputs[0].HostPointer<double>(), (nint)output.HostPointer<double>());
        CpuParallel.For(output.Size, CpuParallel.MinElementsPerThread, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
        {
            ReadOnlySpan<double> src = new((double*)x + start, end - start);
            var dst = new Span<double>((double*)y + start, end - start);
            switch (op)
            {
                case OpNames.Neg: TensorPrimitives.Negate(src, dst); break;
                case OpNames.Exp: TensorPrimitives.Exp(src, dst); break;
                case OpNames.Log: TensorPrimitives.Log(src, dst); break;
                case OpNames.Sqrt: TensorPrimitives.Sqrt(src, dst); break;
                case OpNames.Abs: TensorPrimitives.Abs(src, dst); break;
                case OpNames.Tanh: TensorPrimitives.Tanh(src, dst); break;
                case OpNames.Sigmoid: TensorPrimitives.Sigmoid(src, dst); break;
                default: TensorPrimitives.Max(src, 0.0, dst); break; // relu; NaN stays NaN
            }
        });
    };

    public static readonly string[] UnaryOps = [OpNames.Neg, OpNames.Exp, OpNames.Log, OpNames.Sqrt, OpNames.Abs, OpNames.Tanh, OpNames.Sigmoid, OpNames.Relu];

    public static Grimoire.Kernels.KernelBody Binary(Operation operation) => (inputs, output, _) => Run(operation, inputs[0], inputs[1], output);

    private static void Run(Operation operation, Tensor left, Tensor right, Tensor output)
    {
        var layout = StridedLayout.Of(output, left, right);
        var (y, a, b) = ((nint)(output.HostPointer<double>() - output.Offset), (nint)(left.HostPointer<double>() - left.Offset), (nint)(right.HostPointer<double>() - right.Offset));
        var (sa, sb, n) = (layout.InnerStride(1), layout.InnerStride(2), layout.Inner);
        CpuParallel.For(layout.Rows, CpuParallel.MinItemsPerChunk(n), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            Span<long> off = stackalloc long[3];
            for (var r = r0; r < r1; r++)
            {
                layout.RowOffsets(r, off);
                Row(operation, (double*)y + off[0], (double*)a + off[1], sa, (double*)b + off[2], sb, n);
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row(Operation operation, double* y, double* a, int sa, double* b, int sb, int n)
    {
        var dst = new Span<double>(y, n);
        if (sa == 1 && sb == 1)
        {
            ReadOnlySpan<double> x = new(a, n), z = new(b, n);
            switch (operation)
            {
                case Operation.Add: TensorPrimitives.Add(x, z, dst); break;
                case Operation.Sub: TensorPrimitives.Subtract(x, z, dst); break;
                case Operation.Mul: TensorPrimitives.Multiply(x, z, dst); break;
                case Operation.Minimum: TensorPrimitives.Min(x, z, dst); break;
                default: TensorPrimitives.Divide(x, z, dst); break;
            }
            return;
        }
        if (sa == 1 && sb == 0)
        {
            ReadOnlySpan<double> x = new(a, n);
            switch (operation)
            {
                case Operation.Add: TensorPrimitives.Add(x, *b, dst); break;
                case Operation.Sub: TensorPrimitives.Subtract(x, *b, dst); break;
                case Operation.Mul: TensorPrimitives.Multiply(x, *b, dst); break;
                case Operation.Minimum: TensorPrimitives.Min(x, *b, dst); break;
                default: TensorPrimitives.Divide(x, *b, dst); break;
            }
            return;
        }
        for (var i = 0; i < n; i++)
        {
            var (u, v) = (a[(long)i * sa], b[(long)i * sb]);
            y[i] = operation switch
            {
                Operation.Add => u + v,
                Operation.Sub => u - v,
                Operation.Mul => u * v,
                Operation.Minimum => Math.Min(u, v),
                _ => u / v,
            };
        }
    }

    /// <summary>Vector sums of blocks of <see cref="SumBlock"/> elements, added up: bounds rounding growth on long rows
    /// (a vector accumulator's chain of adds grows with the row otherwise).</summary>
    private static double BlockedSum(double* src, int n)
    {
        var total = 0.0;
        for (var start = 0; start < n; start += SumBlock) total += TensorPrimitives.Sum(new ReadOnlySpan<double>(src + start, Math.Min(SumBlock, n - start)));
        return total;
    }

    private const int SumBlock = 4096;

    /// <summary>Column sums of <paramref name="rows"/> rows: blocks of <see cref="ColumnBlock"/> rows summed apart, then
    /// added, so no element's chain of adds grows with the row count.</summary>
    private static void SumColumns(double* src, int rows, int width, Span<double> totals)
    {
        totals.Clear();
        var partial = rows > ColumnBlock ? new double[width] : null;
        for (var r0 = 0; r0 < rows; r0 += ColumnBlock)
        {
            var block = partial ?? totals;
            if (partial is not null) block.Clear();
            for (var r = r0; r < Math.Min(rows, r0 + ColumnBlock); r++) TensorPrimitives.Add(block, new ReadOnlySpan<double>(src + (long)r * width, width), block);
            if (partial is not null) TensorPrimitives.Add(totals, partial, totals);
        }
    }

    private const int ColumnBlock = 256;

    public static void Sum(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (ReduceAttributes)attributes!;
        var (x, y) = ((nint)inputs[0].HostPointer<double>(), (nint)output.HostPointer<double>());
        CpuParallel.For(s.Outer, CpuParallel.MinItemsPerChunk((long)s.Length * s.Inner), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (o0, o1) =>
        {
            for (var o = o0; o < o1; o++)
            {
                var src = (double*)x + (long)o * s.Length * s.Inner;
                if (s.Inner == 1)
                {
                    ((double*)y)[o] = BlockedSum(src, s.Length);
                    continue;
                }
                SumColumns(src, s.Length, s.Inner, new Span<double>((double*)y + (long)o * s.Inner, s.Inner));
            }
        });
    }
}
