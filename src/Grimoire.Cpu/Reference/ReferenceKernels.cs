using Grimoire.Kernels;
using Grimoire.Ops;
using static Grimoire.Cpu.Reference.Element;

namespace Grimoire.Cpu.Reference;

/// <summary>The oracle for every op: plain loops over logical indices, computing in double. Slow on
/// purpose; every other kernel on every backend is tested against these.</summary>
internal static class ReferenceKernels
{
    private static readonly DType[] Floats = [DType.Float32, DType.Float64];
    private static readonly DType[] All = [DType.Float32, DType.Float64, DType.Int32];

    public static void Register(KernelRegistry.Registrar r)
    {
        foreach (var op in OpNames.Unary) Add(r, op, Floats, (x, y, a) => Map(x[0], y, UnaryFunction(op, a)));
        foreach (var op in OpNames.Binary) Add(r, op, Floats, (x, y, _) => Zip(x[0], x[1], y, BinaryFunction(op)));
        foreach (var op in OpNames.Compare) Add(r, op, All, (x, y, _) => Zip(x[0], x[1], y, CompareFunction(op)));
        Add(r, OpNames.Where, All, (x, y, _) =>
        {
            for (var i = 0; i < y.Size; i++) Set(y, i, At(x[2], i) != 0 ? At(x[0], i) : At(x[1], i));
        });
        Add(r, OpNames.Sum, Floats, (x, y, a) => CompensatedSum(x[0], y, (ReduceAttributes)a!));
        Add(r, OpNames.Max, Floats, (x, y, a) => Reduce(x[0], y, (ReduceAttributes)a!, double.NegativeInfinity, (acc, v) => Math.Max(acc, v)));
        Add(r, OpNames.ArgMax, All, (x, y, a) => ArgMax(x[0], y, (ReduceAttributes)a!));
        Add(r, OpNames.Copy, All, (x, y, _) =>
        {
            for (var i = 0; i < y.Size; i++) Set(y, OffsetOf(y, i), At(x[0], i));
        });
        Add(r, OpNames.Cast, All, (x, y, _) =>
        {
            for (var i = 0; i < y.Size; i++) Set(y, i, y.DType == DType.Int32 ? Math.Truncate(At(x[0], i)) : At(x[0], i));
        });
        Add(r, OpNames.Concat, All, (x, y, a) => Concat(x, y, (ConcatAttributes)a!));
        Add(r, OpNames.Gather, All, (x, y, a) => Gather(x[0], x[1], y, (AxisAttributes)a!));
        Add(r, OpNames.ScatterAdd, Floats, (x, y, a) => ScatterAdd(x[0], x[1], y, (AxisAttributes)a!));
        Add(r, OpNames.Unfold, Floats, (x, y, a) => ReferenceConvolution.Unfold(x[0], y, (UnfoldGeometry)a!));
        Add(r, OpNames.Fold, Floats, (x, y, a) => ReferenceConvolution.Fold(x[0], y, (UnfoldGeometry)a!));
        Add(r, OpNames.Conv2d, Floats, (x, y, a) => ReferenceConvolution.Conv2d(x, y, (ConvAttributes)a!));
        Add(r, OpNames.Conv2dBackwardInput, Floats, (x, y, a) => ReferenceConvolution.Conv2dBackwardInput(x[0], x[1], y, (ConvAttributes)a!));
        Add(r, OpNames.Conv2dBackwardWeight, Floats, (x, y, a) => ReferenceConvolution.Conv2dBackwardWeight(x[0], x[1], y, (ConvAttributes)a!));
        Add(r, OpNames.MaxPool2d, Floats, (x, y, a) => ReferencePooling.MaxPool(x[0], y, (UnfoldGeometry)a!));
        Add(r, OpNames.MaxPool2dBackward, Floats, (x, y, a) => ReferencePooling.MaxPoolBackward(x[0], x[1], x[2], y, (UnfoldGeometry)a!));
        Add(r, OpNames.MatMul, Floats, (x, y, a) => MatMul(x[0], x[1], y, (MatMulAttributes)a!));
        Add(r, OpNames.Linear, Floats, (x, y, a) => Linear(x, y, (LinearAttributes)a!));
        Add(r, OpNames.Softmax, Floats, (x, y, a) => RowNormalise(x[0], y, (ReduceAttributes)a!, log: false));
        Add(r, OpNames.LogSoftmax, Floats, (x, y, a) => RowNormalise(x[0], y, (ReduceAttributes)a!, log: true));
        Add(r, OpNames.CrossEntropy, Floats, (x, y, _) => CrossEntropy(x[0], x[1], y));
        Add(r, OpNames.CumSum, Floats, (x, y, a) => CumSum(x[0], y, (ScanAttributes)a!));
        Add(r, OpNames.AvgPool2d, Floats, (x, y, a) => ReferencePooling.AvgPool(x[0], y, (AvgPoolAttributes)a!));
        Add(r, OpNames.AvgPool2dBackward, Floats, (x, y, a) => ReferencePooling.AvgPoolBackward(x[0], y, (AvgPoolAttributes)a!));
        Add(r, OpNames.Mse, Floats, (x, y, _) =>
        {
            var sum = 0.0;
            for (var i = 0; i < x[0].Size; i++) sum += Math.Pow(At(x[0], i) - At(x[1], i), 2);
            Set(y, 0, x[0].Size == 0 ? double.NaN : sum / x[0].Size);
        });
        ReferenceFused.Register(r);
        ReferenceRecurrent.Register(r);
        ReferenceAttention.Register(r);
    }

    private static void Add(KernelRegistry.Registrar r, string op, DType[] dtypes, KernelBody body)
    {
        foreach (var dtype in dtypes)
            r.Add(new KernelInfo(op, "cpu", dtype, KernelRegistry.ReferenceVariant, Isa.None, Priority: 0), body);
    }

    public static Func<double, double> UnaryFunction(string op, object? attributes) => op switch
    {
        OpNames.Neg => v => -v,
        OpNames.Exp => Math.Exp,
        OpNames.Log => Math.Log,
        OpNames.Sqrt => Math.Sqrt,
        OpNames.Abs => Math.Abs,
        OpNames.Tanh => Math.Tanh,
        OpNames.Sigmoid => v => 1 / (1 + Math.Exp(-v)),
        OpNames.Relu => v => v > 0 ? v : 0,
        OpNames.LeakyRelu => v => v > 0 ? v : ((UnaryAttributes)attributes!).Alpha * v,
        OpNames.Sin => Math.Sin,
        OpNames.Cos => Math.Cos,
        OpNames.Log1p => ScalarMath.Log1p,
        OpNames.Expm1 => ScalarMath.Expm1,
        OpNames.Erf => ScalarMath.Erf,
        OpNames.Gelu => v => ScalarMath.Gelu(v, ((GeluAttributes)attributes!).Tanh),
        OpNames.Silu => ScalarMath.Silu,
        OpNames.Softplus => v => ScalarMath.Softplus(v, ((SoftplusAttributes)attributes!).Beta, ((SoftplusAttributes)attributes!).Threshold),
        OpNames.Clamp => v => Math.Min(Math.Max(v, ((ClampAttributes)attributes!).Lower), ((ClampAttributes)attributes!).Upper),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a unary op"),
    };

    public static Func<double, double, double> BinaryFunction(string op) => op switch
    {
        OpNames.Add => (a, b) => a + b,
        OpNames.Sub => (a, b) => a - b,
        OpNames.Mul => (a, b) => a * b,
        OpNames.Div => (a, b) => a / b,
        OpNames.Maximum => Math.Max,
        OpNames.Pow => Math.Pow,
        OpNames.Minimum => Math.Min,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary op"),
    };

    public static Func<double, double, double> CompareFunction(string op) => op switch
    {
        OpNames.Eq => (a, b) => a == b ? 1 : 0,
        OpNames.Ne => (a, b) => a != b ? 1 : 0,
        OpNames.Lt => (a, b) => a < b ? 1 : 0,
        OpNames.Le => (a, b) => a <= b ? 1 : 0,
        OpNames.Gt => (a, b) => a > b ? 1 : 0,
        OpNames.Ge => (a, b) => a >= b ? 1 : 0,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
    };

    private static void Map(Tensor x, Tensor y, Func<double, double> f)
    {
        for (var i = 0; i < y.Size; i++) Set(y, i, f(At(x, i)));
    }

    private static void Zip(Tensor a, Tensor b, Tensor y, Func<double, double, double> f)
    {
        for (var i = 0; i < y.Size; i++) Set(y, i, f(At(a, i), At(b, i)));
    }

    private static void Reduce(Tensor x, Tensor y, ReduceAttributes s, double seed, Func<double, double, double> f)
    {
        for (var o = 0; o < s.Outer; o++)
        for (var j = 0; j < s.Inner; j++)
        {
            var acc = seed;
            for (var r = 0; r < s.Length; r++) acc = f(acc, At(x, (o * s.Length + r) * s.Inner + j));
            Set(y, o * s.Inner + j, acc);
        }
    }

    /// <summary>Sums in double with Neumaier's compensation, so the oracle stays within a few ulps of the exact sum
    /// however long the axis: plain double sums of 10⁵ equal values drift by about 10⁻¹², the float64 kernels' tolerance.</summary>
    private static void CompensatedSum(Tensor x, Tensor y, ReduceAttributes s)
    {
        for (var o = 0; o < s.Outer; o++)
        for (var j = 0; j < s.Inner; j++)
        {
            var (sum, compensation) = (0.0, 0.0);
            for (var r = 0; r < s.Length; r++)
            {
                var v = At(x, (o * s.Length + r) * s.Inner + j);
                var t = sum + v;
                if (double.IsFinite(t)) compensation += Math.Abs(sum) >= Math.Abs(v) ? sum - t + v : v - t + sum;
                sum = t;
            }
            Set(y, o * s.Inner + j, double.IsFinite(sum) ? sum + compensation : sum); // infinities and NaN as a plain sum gives them
        }
    }

    /// <summary>Running sums in double along each line, from its end when reversed.</summary>
    private static void CumSum(Tensor x, Tensor y, ScanAttributes s)
    {
        for (var o = 0; o < s.Outer; o++)
        for (var j = 0; j < s.Inner; j++)
        {
            var sum = 0.0;
            for (var step = 0; step < s.Length; step++)
            {
                var at = ((long)o * s.Length + (s.Reverse ? s.Length - 1 - step : step)) * s.Inner + j;
                sum += At(x, (int)at);
                Set(y, at, sum);
            }
        }
    }

    private static void ArgMax(Tensor x, Tensor y, ReduceAttributes s)
    {
        for (var o = 0; o < s.Outer; o++)
        for (var j = 0; j < s.Inner; j++)
        {
            var best = 0;
            for (var r = 1; r < s.Length; r++)
            {
                if (At(x, (o * s.Length + r) * s.Inner + j) > At(x, (o * s.Length + best) * s.Inner + j)) best = r;
            }
            Set(y, o * s.Inner + j, best);
        }
    }

    private static void Concat(ReadOnlySpan<Tensor> parts, Tensor y, ConcatAttributes s)
    {
        var total = s.Sizes.Sum();
        var start = 0;
        for (var p = 0; p < parts.Length; p++)
        {
            for (var o = 0; o < s.Outer; o++)
            for (var i = 0; i < s.Sizes[p]; i++)
            for (var j = 0; j < s.Inner; j++)
                Set(y, ((long)o * total + start + i) * s.Inner + j, At(parts[p], (o * s.Sizes[p] + i) * s.Inner + j));
            start += s.Sizes[p];
        }
    }

    private static void Gather(Tensor x, Tensor indices, Tensor y, AxisAttributes s)
    {
        var k = indices.Size;
        for (var o = 0; o < s.Outer; o++)
        for (var i = 0; i < k; i++)
        for (var j = 0; j < s.Inner; j++)
            Set(y, ((long)o * k + i) * s.Inner + j, At(x, (o * s.Length + (int)At(indices, i)) * s.Inner + j));
    }

    private static void ScatterAdd(Tensor src, Tensor indices, Tensor y, AxisAttributes s)
    {
        var k = indices.Size;
        var acc = new double[y.Size];
        for (var o = 0; o < s.Outer; o++)
        for (var i = 0; i < k; i++)
        for (var j = 0; j < s.Inner; j++)
            acc[(o * s.Length + (int)At(indices, i)) * s.Inner + j] += At(src, (o * k + i) * s.Inner + j);
        for (var i = 0; i < acc.Length; i++) Set(y, i, acc[i]);
    }

    private static void MatMul(Tensor a, Tensor b, Tensor y, MatMulAttributes s)
    {
        for (var t = 0; t < s.Batch; t++)
        for (var i = 0; i < s.M; i++)
        for (var j = 0; j < s.N; j++)
            Set(y, ((long)t * s.M + i) * s.N + j, Dot(a, b, t, i, j, s.K));
    }

    private static void Linear(ReadOnlySpan<Tensor> x, Tensor y, LinearAttributes s)
    {
        var activation = s.Activation.OpName() is { } op ? UnaryFunction(op, null) : v => v;
        for (var i = 0; i < s.M; i++)
        for (var j = 0; j < s.N; j++)
            Set(y, (long)i * s.N + j, activation(Dot(x[0], x[1], 0, i, j, s.K) + (x.Length > 2 ? At(x[2], j) : 0)));
    }

    /// <summary>Σ_p a[t, i, p]·b[t, p, j] over [batch, rows, cols] views, in double.</summary>
    private static double Dot(Tensor a, Tensor b, int t, int i, int j, int k)
    {
        var acc = 0.0;
        for (var p = 0; p < k; p++)
            acc += Get(a, a.Offset + (long)t * a.Strides[0] + (long)i * a.Strides[1] + (long)p * a.Strides[2])
                 * Get(b, b.Offset + (long)t * b.Strides[0] + (long)p * b.Strides[1] + (long)j * b.Strides[2]);
        return acc;
    }

    private static void RowNormalise(Tensor x, Tensor y, ReduceAttributes s, bool log)
    {
        for (var row = 0; row < s.Outer; row++)
        {
            var max = double.NegativeInfinity;
            for (var c = 0; c < s.Length; c++) max = Math.Max(max, At(x, row * s.Length + c));
            var sum = 0.0;
            for (var c = 0; c < s.Length; c++) sum += Math.Exp(At(x, row * s.Length + c) - max);
            for (var c = 0; c < s.Length; c++)
            {
                var shifted = At(x, row * s.Length + c) - max;
                Set(y, row * s.Length + c, log ? shifted - Math.Log(sum) : Math.Exp(shifted) / sum);
            }
        }
    }

    private static void CrossEntropy(Tensor logits, Tensor labels, Tensor y)
    {
        var (n, c) = (logits.Shape[0], logits.Shape[1]);
        var total = 0.0;
        for (var row = 0; row < n; row++)
        {
            var max = double.NegativeInfinity;
            for (var j = 0; j < c; j++) max = Math.Max(max, At(logits, row * c + j));
            var sum = 0.0;
            for (var j = 0; j < c; j++) sum += Math.Exp(At(logits, row * c + j) - max);
            total += max + Math.Log(sum) - At(logits, row * c + (int)At(labels, row));
        }
        Set(y, 0, n == 0 ? double.NaN : total / n);
    }
}
