using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;

namespace Grimoire.Tests.Support;

/// <summary>Generators of random calls for every kernel op, used by the conformance suite for every
/// registered kernel. A test fails when an op in <see cref="OpNames.All"/> has no entry here.</summary>
public static class OpCases
{
    public static readonly IReadOnlyDictionary<string, Func<DType, Gen<OpCase>>> ByOp = Build();

    private static Dictionary<string, Func<DType, Gen<OpCase>>> Build()
    {
        var cases = new Dictionary<string, Func<DType, Gen<OpCase>>>();
        foreach (var op in OpNames.Unary) cases[op] = dt => Unary(op, dt);
        foreach (var op in OpNames.Binary) cases[op] = dt => Binary(op, dt);
        foreach (var op in OpNames.Compare) cases[op] = dt => Binary(op, dt, discrete: true);
        cases[OpNames.Where] = Where;
        cases[OpNames.Sum] = dt => Reduction(OpNames.Sum, dt, (x, axes, keep) => x.Sum(axes, keep));
        cases[OpNames.Max] = dt => Reduction(OpNames.Max, dt, (x, axes, keep) => x.Max(axes, keep));
        cases[OpNames.ArgMax] = ArgMax;
        cases[OpNames.Copy] = Copy;
        cases[OpNames.Cast] = Cast;
        cases[OpNames.Concat] = Concat;
        cases[OpNames.Gather] = Gather;
        cases[OpNames.ScatterAdd] = ScatterAdd;
        cases[OpNames.MatMul] = MatMul;
        cases[OpNames.Linear] = Linear;
        cases[OpNames.Unfold] = dt => Convolution(dt).Select(g => new OpCase(OpNames.Unfold, [g.Image], t => t[0].Unfold(g.Kh, g.Kw, g.Stride, g.Padding, g.Dilation), g.Description));
        cases[OpNames.Fold] = dt => Convolution(dt).Select(g => new OpCase(OpNames.Fold, [g.Columns], t => t[0].Fold(g.H, g.W, g.Kh, g.Kw, g.Stride, g.Padding, g.Dilation), g.Description));
        ConvolutionCases.AddTo(cases);
        cases[OpNames.MaxPool2d] = dt => Pooling(dt).Select(p => new OpCase(OpNames.MaxPool2d, [p.Image], t => t[0].MaxPool2d(p.Size, p.Stride, p.Padding), p.Description));
        cases[OpNames.MaxPool2dBackward] = dt => Pooling(dt).SelectMany(p => Gen.Elements(true, false).Select(pooledByForward => new OpCase(OpNames.MaxPool2dBackward, [p.Gradient, p.Image, p.Pooled],
            t => Tensor.MaxPool2dBackward(t[0], t[1], pooledByForward ? t[1].MaxPool2d(p.Size, p.Stride, p.Padding) : t[2], p.Size, p.Stride, p.Padding),
            $"{p.Description}, pooled values {(pooledByForward ? "from the forward pass" : "arbitrary")}")));
        cases[OpNames.Softmax] = dt => RowWise(OpNames.Softmax, dt, (x, axis) => x.Softmax(axis));
        cases[OpNames.LogSoftmax] = dt => RowWise(OpNames.LogSoftmax, dt, (x, axis) => x.LogSoftmax(axis));
        cases[OpNames.CrossEntropy] = CrossEntropy;
        cases[OpNames.Mse] = Mse;
        cases[OpNames.CumSum] = CumSum;
        cases[OpNames.AvgPool2d] = dt => Pooling(dt).SelectMany(p => Gen.Elements(true, false).Select(include => new OpCase(OpNames.AvgPool2d, [p.Image],
            t => t[0].AvgPool2d(p.Size, p.Stride, p.Padding, include), $"{p.Description}, countIncludePad {include}")));
        cases[OpNames.AvgPool2dBackward] = dt => Pooling(dt).SelectMany(p => Gen.Elements(true, false).Select(include => new OpCase(OpNames.AvgPool2dBackward, [p.Gradient],
            t => Tensor.AvgPool2dBackward(t[0], p.Image.Shape, p.Size, p.Stride, p.Padding, include), $"{p.Description}, countIncludePad {include}")));
        FusedOpCases.AddTo(cases);
        RecurrentOpCases.AddTo(cases);
        AttentionOpCases.AddTo(cases);
        cases[OpNames.Gelu] = dt => WithAttribute(OpNames.Gelu, dt, Gen.Elements(false, true), (x, tanh) => x.Gelu(tanh), tanh => $"gelu(approximate={tanh})");
        cases[OpNames.Softplus] = dt => WithAttribute(OpNames.Softplus, dt, Gen.Zip(Gen.Elements(1.0, 0.5, 2.0), Gen.Elements(20.0, 5.0)),
            (x, p) => x.Softplus(p.Item1, p.Item2), p => $"softplus(beta={p.Item1}, threshold={p.Item2})");
        cases[OpNames.Clamp] = dt => WithAttribute(OpNames.Clamp, dt, ClampBounds, (x, b) => x.Clamp(b.Min, b.Max), b => $"clamp({b.Min}, {b.Max})");
        return cases;
    }

    private static Func<Tensor, Tensor> UnaryCall(string op) => op switch
    {
        OpNames.Neg => x => x.Neg(),
        OpNames.Exp => x => x.Exp(),
        OpNames.Log => x => x.Log(),
        OpNames.Sqrt => x => x.Sqrt(),
        OpNames.Abs => x => x.Abs(),
        OpNames.Tanh => x => x.Tanh(),
        OpNames.Sigmoid => x => x.Sigmoid(),
        OpNames.Relu => x => x.Relu(),
        OpNames.LeakyRelu => x => x.LeakyRelu(0.07),
        OpNames.Sin => x => x.Sin(),
        OpNames.Cos => x => x.Cos(),
        OpNames.Log1p => x => x.Log1p(),
        OpNames.Expm1 => x => x.Expm1(),
        OpNames.Erf => x => x.Erf(),
        OpNames.Silu => x => x.Silu(),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static Func<Tensor, Tensor, Tensor> BinaryCall(string op) => op switch
    {
        OpNames.Add => (a, b) => a + b,
        OpNames.Sub => (a, b) => a - b,
        OpNames.Mul => (a, b) => a * b,
        OpNames.Div => (a, b) => a / b,
        OpNames.Maximum => (a, b) => a.Maximum(b),
        OpNames.Pow => (a, b) => a.Pow(b),
        OpNames.Minimum => (a, b) => a.Minimum(b),
        OpNames.Eq => (a, b) => a.Eq(b),
        OpNames.Ne => (a, b) => a.Ne(b),
        OpNames.Lt => (a, b) => a.Lt(b),
        OpNames.Le => (a, b) => a.Le(b),
        OpNames.Gt => (a, b) => a.Gt(b),
        OpNames.Ge => (a, b) => a.Ge(b),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static Gen<OpCase> Unary(string op, DType dt)
    {
        var call = UnaryCall(op);
        return Gens.ShapeWithLarge(0).SelectMany(shape => op switch
        {
            OpNames.Log or OpNames.Sqrt => Gen.OneOf(Gens.Tensor(shape, dt, 1e-3, 50), Gens.Tensor(shape, dt, 1e-30, 1e-20)),
            OpNames.Exp => Gens.Tensor(shape, dt, -90, 90),
            OpNames.Tanh or OpNames.Sigmoid => Gen.OneOf(Gens.Tensor(shape, dt, -12, 12), Gens.Tensor(shape, dt, -0.7, 0.7)),
            _ => FunctionInputs(op, shape, dt),
        }).Select(x => new OpCase(op, [x], t => call(t[0]), op));
    }

    /// <summary>Inputs of the trigonometric, special and activation functions: their documented ranges (sin and cos are
    /// exact to |x| = 8192) and the small arguments where naive forms cancel.</summary>
    private static Gen<TensorSpec> FunctionInputs(string op, Shape shape, DType dt) => op switch
    {
        OpNames.Sin or OpNames.Cos => Gen.OneOf(Gens.Tensor(shape, dt, -8, 8), Gens.Tensor(shape, dt, -8000, 8000)),
        OpNames.Log1p => Gen.OneOf(Gens.Tensor(shape, dt, -0.999, 50), Gens.Tensor(shape, dt, -1e-4, 1e-4)),
        OpNames.Expm1 => Gen.OneOf(Gens.Tensor(shape, dt, -90, 88), Gens.Tensor(shape, dt, -1e-3, 1e-3)),
        OpNames.Erf => Gen.OneOf(Gens.Tensor(shape, dt, -5, 5), Gens.Tensor(shape, dt, -1e-3, 1e-3)),
        OpNames.Gelu => Gen.OneOf(Gens.Tensor(shape, dt, -13, 10), Gens.Tensor(shape, dt)),
        OpNames.Silu => Gen.OneOf(Gens.Tensor(shape, dt, -90, 90), Gens.Tensor(shape, dt)),
        OpNames.Softplus => Gen.OneOf(Gens.Tensor(shape, dt, -30, 30), Gens.Tensor(shape, dt)),
        _ => Gens.Tensor(shape, dt),
    };

    /// <summary>A unary op whose attributes are drawn too.</summary>
    private static Gen<OpCase> WithAttribute<T>(string op, DType dt, Gen<T> attributes, Func<Tensor, T, Tensor> call, Func<T, string> describe) =>
        Gens.ShapeWithLarge(0).SelectMany(shape => Gen.Zip(FunctionInputs(op, shape, dt), attributes))
            .Select(x => new OpCase(op, [x.Item1], t => call(t[0], x.Item2), describe(x.Item2)));

    /// <summary>Either bound or both, including an empty range (min &gt; max gives max everywhere).</summary>
    private static readonly Gen<(double? Min, double? Max)> ClampBounds =
        Gen.Elements<(double? Min, double? Max)>((-1, null), (null, 0.5), (-0.5, 2), (1, -1), (0, 0));

    private static Gen<OpCase> Binary(string op, DType dt, bool discrete = false)
    {
        var call = BinaryCall(op);
        return Gens.BroadcastPair().SelectMany(p => Gen.Zip(
                discrete ? Gens.Discrete(p.A, dt) : op == OpNames.Pow ? Gen.OneOf(Gens.Tensor(p.A, dt, 0.05, 3), Gens.Discrete(p.A, dt)) : Gens.Tensor(p.A, dt),
                discrete ? Gens.Discrete(p.B, dt) : op switch
                {
                    OpNames.Div => Gens.AwayFromZero(p.B, dt, 0.5),
                    OpNames.Pow => Gens.Discrete(p.B, dt),
                    _ => Gens.Tensor(p.B, dt),
                }))
            .Select(x => new OpCase(op, [x.Item1, x.Item2], t => call(t[0], t[1]), op));
    }

    private static Gen<OpCase> Where(DType dt) =>
        Gens.BroadcastPair().SelectMany(p => Gens.Zip3(Gens.Tensor(p.Out, dt, 0, 2), Gens.Tensor(p.A, dt), Gens.Tensor(p.B, dt)))
            .Select(x => new OpCase(OpNames.Where, [x.Item1, x.Item2, x.Item3], t => Tensor.Where(t[0], t[1], t[2]), "where"));

    private static Gen<int[]> Axes(Shape shape) =>
        Gen.ArrayOf(Gen.Elements(true, false), shape.Rank)
            .Select(mask => Enumerable.Range(0, shape.Rank).Where(i => mask[i]).ToArray());

    private static Gen<OpCase> Reduction(string op, DType dt, Func<Tensor, int[], bool, Tensor> call) =>
        Gens.ShapeWithLarge(1).SelectMany(shape => Gens.Zip3(Gens.Tensor(shape, dt), Axes(shape), Gen.Elements(true, false)))
            .Select(x => new OpCase(op, [x.Item1], t => call(t[0], x.Item2, x.Item3), $"{op}(axes=[{string.Join(",", x.Item2)}], keep={x.Item3})"));

    private static Gen<OpCase> ArgMax(DType dt) =>
        Gens.ShapeWithLarge(1).SelectMany(shape => Gens.Zip3(Gen.OneOf(Gens.Tensor(shape, dt), Gens.Discrete(shape, dt)), Gen.Choose(-shape.Rank, shape.Rank - 1), Gen.Elements(true, false)))
            .Select(x => new OpCase(OpNames.ArgMax, [x.Item1], t => t[0].ArgMax(x.Item2, x.Item3), $"argmax(axis={x.Item2}, keep={x.Item3})"));

    private static Gen<OpCase> CumSum(DType dt) =>
        Gens.ShapeWithLarge(1).SelectMany(shape => Gens.Zip3(Gens.Tensor(shape, dt), Gen.Choose(-shape.Rank, shape.Rank - 1), Gen.Elements(true, false)))
            .Select(x => new OpCase(OpNames.CumSum, [x.Item1], t => t[0].CumSum(x.Item2, x.Item3), $"cumsum(axis={x.Item2}, reverse={x.Item3})"));

    private static Gen<OpCase> Copy(DType dt) =>
        Gens.ShapeWithLarge(0).SelectMany(shape => Gens.Tensor(shape, dt))
            .Select(x => new OpCase(OpNames.Copy, [x], t => t[0].Contiguous(copy: true), "contiguous copy"));

    private static Gen<OpCase> Cast(DType dt) =>
        Gens.ShapeWithLarge(0).SelectMany(shape => Gen.Zip(Gens.Tensor(shape, dt, -1000, 1000), Gen.Elements(DType.Float32, DType.Float64, DType.Int32)))
            .Select(x => new OpCase(OpNames.Cast, [x.Item1], t => t[0].To(x.Item2), $"cast to {x.Item2.Name()}"));

    private static Gen<OpCase> Concat(DType dt) =>
        Gens.Shape(1, 4, 2000).SelectMany(shape => Gen.Choose(0, shape.Rank - 1).SelectMany(axis =>
            Gen.ListOf(Gens.Dim.SelectMany(d =>
            {
                var dims = shape.ToArray();
                dims[axis] = d;
                return Gens.Tensor(new Shape(dims), dt);
            })).Where(l => l.Count is > 0 and <= 4).Select(parts => new OpCase(OpNames.Concat, [.. parts], t => Tensor.Concat(t, axis), $"concat(axis={axis})"))));

    /// <summary>A convolution geometry (kernel up to 5x5, stride up to 3, padding up to 2, dilation up to 3, most often 1)
    /// with an NCHW image and a matching unfolded-columns tensor.</summary>
    private static Gen<(TensorSpec Image, TensorSpec Columns, int H, int W, int Kh, int Kw, int Stride, int Padding, int Dilation, string Description)> Convolution(DType dt) =>
        Gens.Zip3(Gens.Zip3(Gen.Choose(1, 3), Gen.Choose(1, 4), Gen.Frequency((2, Gen.Constant(1)), (1, Gen.Choose(2, 3)))), Gen.Zip(Gen.Choose(1, 13), Gen.Choose(1, 13)), Gens.Zip3(Gen.Choose(1, 5), Gen.Choose(1, 5), Gen.Zip(Gen.Choose(1, 3), Gen.Choose(0, 2))))
            .Where(p => p.Item2.Item1 + 2 * p.Item3.Item3.Item2 >= (p.Item3.Item1 - 1) * p.Item1.Item3 + 1 && p.Item2.Item2 + 2 * p.Item3.Item3.Item2 >= (p.Item3.Item2 - 1) * p.Item1.Item3 + 1)
            .SelectMany(p =>
            {
                var ((n, c, dilation), (h, w), (kh, kw, (stride, padding))) = p;
                var (ho, wo) = ((h + 2 * padding - (kh - 1) * dilation - 1) / stride + 1, (w + 2 * padding - (kw - 1) * dilation - 1) / stride + 1);
                return Gen.Zip(Gens.Tensor(new Shape(n, c, h, w), dt), Gens.Tensor(new Shape(n, c * kh * kw, ho * wo), dt))
                    .Select(t => (t.Item1, t.Item2, h, w, kh, kw, stride, padding, dilation, $"[{n}, {c}, {h}, {w}] kernel {kh}x{kw} stride {stride} padding {padding} dilation {dilation}"));
            });

    /// <summary>A pooling geometry (window up to 4, stride up to 3, padding up to half the window; a third of the time the
    /// usual 2x2 window with stride 2, which has its own AVX-512 kernel) with an NCHW image, sometimes wider than 32
    /// windows so the vector kernels cross chunks,
    /// half the time drawn from a few integers so windows hold tied maxima, a matching output gradient, and arbitrary
    /// pooled values from those integers (which some windows match and some do not).</summary>
    private static Gen<(TensorSpec Image, TensorSpec Gradient, TensorSpec Pooled, int Size, int Stride, int Padding, string Description)> Pooling(DType dt) =>
        Gens.Zip3(Gen.Zip(Gen.Choose(1, 3), Gen.Choose(1, 4)), Gen.Frequency((3, Gen.Zip(Gen.Choose(1, 13), Gen.Choose(1, 13))), (1, Gen.Zip(Gen.Choose(1, 5), Gen.Choose(30, 70)))),
                Gen.Frequency((1, Gen.Constant((k: 2, 2, 0))), (2, Gen.Choose(1, 4).SelectMany(k => Gen.Zip(Gen.Choose(1, 3), Gen.Choose(0, k / 2)).Select(p => (k, p.Item1, p.Item2))))))
            .Where(p => p.Item2.Item1 + 2 * p.Item3.Item3 >= p.Item3.k && p.Item2.Item2 + 2 * p.Item3.Item3 >= p.Item3.k)
            .SelectMany(p =>
            {
                var ((n, c), (h, w), (k, stride, padding)) = p;
                var (ho, wo) = ((h + 2 * padding - k) / stride + 1, (w + 2 * padding - k) / stride + 1);
                var image = new Shape(n, c, h, w);
                var pooled = new Shape(n, c, ho, wo);
                return Gens.Zip3(Gen.OneOf(Gens.Tensor(image, dt), Gens.Discrete(image, dt)), Gens.Tensor(pooled, dt), Gens.Discrete(pooled, dt))
                    .Select(t => (t.Item1, t.Item2, t.Item3, k, stride, padding, $"[{n}, {c}, {h}, {w}] window {k}x{k} stride {stride} padding {padding}"));
            });

    private static Gen<OpCase> Gather(DType dt) =>
        Gens.Shape(1, 4, 3000).SelectMany(shape => Gen.Choose(0, shape.Rank - 1).SelectMany(axis =>
            Gen.Zip(Gens.Tensor(shape, dt), Gen.Choose(0, 40).SelectMany(k => Gens.Indices(k, shape[axis])))
                .Select(x => new OpCase(OpNames.Gather, [x.Item1, x.Item2], t => t[0].Gather(axis, t[1]), $"gather(axis={axis})"))));

    private static Gen<OpCase> ScatterAdd(DType dt) =>
        Gens.Shape(1, 4, 3000).SelectMany(shape => Gen.Zip(Gen.Choose(0, shape.Rank - 1), Gen.Choose(1, 20)).SelectMany(p =>
            Gen.Zip(Gens.Tensor(shape, dt), Gens.Indices(shape[p.Item1], p.Item2))
                .Select(x => new OpCase(OpNames.ScatterAdd, [x.Item1, x.Item2], t => t[0].ScatterAdd(p.Item1, t[1], p.Item2), $"scatter_add(axis={p.Item1}, size={p.Item2})"))));

    private static Gen<OpCase> MatMul(DType dt)
    {
        var size = Gen.Elements(1, 2, 3, 5, 7, 13, 16, 17, 31, 33, 64, 65, 100);
        var batch = Gen.Elements(new Shape(), new Shape(1), new Shape(3), new Shape(2, 1), new Shape(1, 2), new Shape(2, 2));
        var big = Gen.Elements((130, 257, 67), (256, 256, 256), (64, 300, 33));
        var mnk = Gen.Frequency((6, Gens.Zip3(size, size, size)), (1, big));
        var batches = batch.SelectMany(b => Gens.Broadcastable(b).Select(other => (b, other)));
        return Gen.Zip(mnk, batches).Select(q => (q.Item1, q.Item2.b, q.Item2.other)).SelectMany(p =>
        {
            var (m, n, k) = p.Item1;
            var a = new Shape([.. p.Item2, m, k]);
            var b = new Shape([.. p.Item3, k, n]);
            return Gen.Zip(Gens.Tensor(a, dt), Gens.Tensor(b, dt))
                .Select(x => new OpCase(OpNames.MatMul, [x.Item1, x.Item2], t => t[0].MatMul(t[1]), "matmul"));
        });
    }

    /// <summary>Dense layers: rank-1 to rank-3 inputs, row- or column-major weights, with and without bias,
    /// every activation; sizes straddle the direct and the packed GEMM paths.</summary>
    private static Gen<OpCase> Linear(DType dt)
    {
        var size = Gen.Elements(0, 1, 3, 16, 17, 33, 100);
        var big = Gen.Elements((130, 257, 67), (64, 300, 33));
        var mnk = Gen.Frequency((6, Gens.Zip3(size, size, size)), (1, big));
        var lead = Gen.Elements(new Shape(), new Shape(2));
        var options = Gens.Zip3(Gen.Elements(Enum.GetValues<Activation>()), Gen.Elements(true, false), Gen.Elements(true, false));
        return Gens.Zip3(mnk, lead, options).SelectMany(p =>
        {
            var ((m, n, k), leading, (activation, transposed, withBias)) = p;
            var x = leading.Rank == 0 && m == 1 ? new Shape(k) : new Shape([.. leading, m, k]);
            var w = transposed ? new Shape(n, k) : new Shape(k, n);
            return Gens.Zip3(Gens.Tensor(x, dt), Gens.Tensor(w, dt), Gens.Tensor(new Shape(n), dt)).Select(t => new OpCase(OpNames.Linear,
                withBias ? [t.Item1, t.Item2, t.Item3] : [t.Item1, t.Item2],
                a => a[0].Linear(transposed ? a[1].Transpose() : a[1], withBias ? a[2] : null, activation),
                $"linear({activation}, {(transposed ? "W^T" : "W")}, {(withBias ? "bias" : "no bias")})"));
        });
    }

    private static Gen<OpCase> RowWise(string op, DType dt, Func<Tensor, int, Tensor> call) =>
        Gens.ShapeWithLarge(1).SelectMany(shape => Gen.Zip(Gen.OneOf(Gens.Tensor(shape, dt), Gens.Tensor(shape, dt, -60, 60)), Gen.Choose(-shape.Rank, shape.Rank - 1)))
            .Select(x => new OpCase(op, [x.Item1], t => call(t[0], x.Item2), $"{op}(axis={x.Item2})"));

    private static Gen<OpCase> CrossEntropy(DType dt) =>
        Gen.Zip(Gens.Dim, Gens.Dim).SelectMany(p => Gen.Zip(Gens.Tensor(new Shape(p.Item1, p.Item2), dt, -8, 8), Gens.Indices(p.Item1, p.Item2)))
            .Select(x => new OpCase(OpNames.CrossEntropy, [x.Item1, x.Item2], t => t[0].CrossEntropy(t[1]), "cross_entropy"));

    private static Gen<OpCase> Mse(DType dt) =>
        Gens.ShapeWithLarge(0).SelectMany(shape => Gen.Zip(Gens.Tensor(shape, dt), Gens.Tensor(shape, dt)))
            .Select(x => new OpCase(OpNames.Mse, [x.Item1, x.Item2], t => t[0].Mse(t[1]), "mse"));
}
