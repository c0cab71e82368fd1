using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gradients;

/// <summary>Generators of gradient checks for every differentiable op, on small float64 inputs kept away
/// from kinks (relu, abs, max) and poles (log, div) where finite differences are meaningless.</summary>
public static class GradCases
{
    private const DType F64 = DType.Float64;

    public static readonly IReadOnlyDictionary<string, Gen<GradCase>> ByName = Build();

    private static Gen<Shape> Small(int minRank = 0, int maxRank = 3) => Gens.Shape(minRank, maxRank, maxSize: 24);

    private static Dictionary<string, Gen<GradCase>> Build()
    {
        var cases = new Dictionary<string, Gen<GradCase>>
        {
            ["neg"] = Unary("neg", x => -x),
            ["exp"] = Unary("exp", x => x.Exp()),
            ["log"] = Unary("log", x => x.Log(), 0.5, 3),
            ["sqrt"] = Unary("sqrt", x => x.Sqrt(), 0.5, 3),
            ["abs"] = Unary("abs", x => x.Abs(), awayFromZero: true),
            ["tanh"] = Unary("tanh", x => x.Tanh()),
            ["sigmoid"] = Unary("sigmoid", x => x.Sigmoid()),
            ["relu"] = Unary("relu", x => x.Relu(), awayFromZero: true),
            ["leaky_relu"] = Unary("leaky_relu", x => x.LeakyRelu(0.1), awayFromZero: true),
            ["where"] = Small().SelectMany(s => Gens.Zip3(GradInputs.Tensor(s, F64, 0, 2).Select(c => c.WithValues([.. c.Values.Select(Math.Floor)])), GradInputs.Tensor(s, F64), GradInputs.Tensor(s, F64)))
                .Select(x => new GradCase("where", [x.Item1, x.Item2, x.Item3], t => Tensor.Where(t[0], t[1], t[2]), Constants: [0])),
            ["sum"] = Reduction("sum", (x, axes, keep) => x.Sum(axes, keep)),
            ["mean"] = Reduction("mean", (x, axes, keep) => x.Mean(axes, keep)),
            ["max"] = Reduction("max", (x, axes, keep) => x.Max(axes, keep), distinct: true),
            ["reshape"] = Small(1).SelectMany(s => GradInputs.Tensor(s, F64)).Select(x => new GradCase("reshape", [x], t => t[0].Reshape(-1, 1) * t[0].Reshape(-1, 1))),
            ["permute"] = Small(2).SelectMany(s => GradInputs.Tensor(s, F64)).Select(x => new GradCase("permute", [x], t => t[0].Permute([.. Enumerable.Range(0, t[0].Rank).Reverse()]).Exp())),
            [OpNames.Copy] = Small(2).SelectMany(s => GradInputs.Tensor(s, F64)).Select(x => new GradCase("transpose then copy", [x], t => t[0].Transpose().Contiguous().Tanh())),
            [OpNames.Unfold] = GradInputs.Tensor(new Shape(1, 2, 4, 3), F64)
                .Select(x => new GradCase("unfold", [x], t => t[0].Unfold(2, 2, stride: 1, padding: 1).Sigmoid())),
            ["expand"] = Small(1).SelectMany(s => GradInputs.Tensor(new Shape([1, .. s.ToArray()]), F64)).Select(x => new GradCase("expand", [x], t => t[0].Expand([3, .. t[0].Shape.ToArray()[1..]]).Sigmoid())),
            ["slice"] = Small(1).SelectMany(s => GradInputs.Tensor(s, F64)).Select(x => new GradCase("slice", [x], t => t[0].Slice(-1, 0, t[0].Shape[-1], 2).Exp())),
            ["unsqueeze/squeeze"] = Small(1).SelectMany(s => GradInputs.Tensor(s, F64)).Select(x => new GradCase("unsqueeze/squeeze", [x], t => t[0].Unsqueeze(0).Exp().Squeeze(0))),
            ["concat"] = Small(1).SelectMany(s => Gen.Zip(GradInputs.Tensor(s, F64), GradInputs.Tensor(s, F64)))
                .Select(x => new GradCase("concat", [x.Item1, x.Item2], t => Tensor.Concat([t[0], t[1].Exp()], axis: -1))),
            ["gather"] = Small(1).SelectMany(s => Gen.Zip(GradInputs.Tensor(s, F64), Gens.Indices(5, s[0])))
                .Select(x => new GradCase("gather", [x.Item1, x.Item2], t => t[0].Gather(0, t[1]).Exp())),
            ["scatter_add"] = Small(1).SelectMany(s => Gen.Zip(GradInputs.Tensor(s, F64), Gens.Indices(s[0], 4)))
                .Select(x => new GradCase("scatter_add", [x.Item1, x.Item2], t => t[0].ScatterAdd(0, t[1], 4).Tanh())),
            ["matmul"] = MatMul(),
            ["linear"] = Gens.Zip3(Gen.Choose(1, 4), Gen.Choose(1, 4), Gen.Choose(1, 4)).SelectMany(d =>
                    Gens.Zip3(GradInputs.Tensor(new Shape(2, d.Item1, d.Item3), F64), GradInputs.Tensor(new Shape(d.Item3, d.Item2), F64), GradInputs.Tensor(new Shape(d.Item2), F64))
                        .SelectMany(x => Gen.Elements(Activation.None, Activation.Sigmoid, Activation.Tanh).Select(act =>
                            new GradCase($"linear({act})", [x.Item1, x.Item2, x.Item3], t => t[0].Linear(t[1], t[2], act))))),
            ["linear(relu)"] = Gen.Zip(GradInputs.Tensor(new Shape(3, 4), F64), GradInputs.Tensor(new Shape(4, 2), F64))
                .Select(x => new GradCase("linear(relu) without bias", [x.Item1, x.Item2], t => t[0].Linear(t[1], null, Activation.Relu))),
            [OpNames.Conv2d] = Conv2d(),
            [OpNames.Conv2dBackwardInput] = ConvBackward().SelectMany(p => Gen.Zip(GradInputs.Tensor(new Shape(2, 4, p.OutH, p.OutW), F64), GradInputs.Tensor(new Shape(4, 4 / p.Groups, 3, 2), F64))
                .Select(x => new GradCase($"conv2d_backward_input({p.Description})", [x.Item1, x.Item2],
                    t => Tensor.Conv2dBackwardInput(t[0], t[1], new Shape(2, 4, 6, 5), p.Stride, p.Padding, p.Dilation, p.Groups).Tanh()))),
            [OpNames.Conv2dBackwardWeight] = ConvBackward().SelectMany(p => Gen.Zip(GradInputs.Tensor(new Shape(2, 4, p.OutH, p.OutW), F64), GradInputs.Tensor(new Shape(2, 4, 6, 5), F64))
                .Select(x => new GradCase($"conv2d_backward_weight({p.Description})", [x.Item1, x.Item2],
                    t => Tensor.Conv2dBackwardWeight(t[0], t[1], new Shape(4, 4 / p.Groups, 3, 2), p.Stride, p.Padding, p.Dilation, p.Groups).Tanh()))),
            ["fold"] = GradInputs.Tensor(new Shape(1, 8, 20), F64)
                .Select(x => new GradCase("fold", [x], t => t[0].Fold(3, 4, 2, 2, stride: 1, padding: 1).Sigmoid())),
            ["max_pool2d"] = Gen.Choose(1, 3).SelectMany(k => Gen.Zip(Gen.Choose(1, 2), Gen.Choose(0, k / 2)).Select(p => (k, p.Item1, p.Item2))).SelectMany(p =>
                    GradInputs.Distinct(new Shape(2, 2, 5, 4), F64).Select(x => new GradCase($"max_pool2d({p.k}x{p.k}, stride={p.Item2}, padding={p.Item3})", [x], t => t[0].MaxPool2d(p.k, p.Item2, p.Item3).Tanh()))),
            ["softmax"] = RowWise("softmax", (x, a) => x.Softmax(a)),
            ["log_softmax"] = RowWise("log_softmax", (x, a) => x.LogSoftmax(a)),
            ["cross_entropy"] = Gen.Zip(Gen.Choose(1, 6), Gen.Choose(1, 5)).SelectMany(p => Gen.Zip(GradInputs.Tensor(new Shape(p.Item1, p.Item2), F64), Gens.Indices(p.Item1, p.Item2)))
                .Select(x => new GradCase("cross_entropy", [x.Item1, x.Item2], t => t[0].CrossEntropy(t[1]))),
            ["mse"] = Small().SelectMany(s => Gen.Zip(GradInputs.Tensor(s, F64), GradInputs.Tensor(s, F64)))
                .Select(x => new GradCase("mse", [x.Item1, x.Item2], t => t[0].Mse(t[1]))),
        };
        cases[OpNames.CumSum] = Small(1).SelectMany(s => Gens.Zip3(GradInputs.Tensor(s, F64), Gen.Choose(-s.Rank, s.Rank - 1), Gen.Elements(true, false)))
            .Select(x => new GradCase($"cumsum(axis={x.Item2}, reverse={x.Item3})", [x.Item1], t => t[0].CumSum(x.Item2, x.Item3).Tanh()));
        cases[OpNames.AvgPool2d] = AvgPool().SelectMany(p => GradInputs.Tensor(new Shape(2, 2, 5, 4), F64)
            .Select(x => new GradCase($"avg_pool2d({p.Description})", [x], t => t[0].AvgPool2d(p.K, p.Stride, p.Padding, p.Include).Tanh())));
        cases[OpNames.AvgPool2dBackward] = AvgPool().SelectMany(p => GradInputs.Tensor(new Shape(2, 2, (5 + 2 * p.Padding - p.K) / p.Stride + 1, (4 + 2 * p.Padding - p.K) / p.Stride + 1), F64)
            .Select(x => new GradCase($"avg_pool2d_backward({p.Description})", [x], t => Tensor.AvgPool2dBackward(t[0], new Shape(2, 2, 5, 4), p.K, p.Stride, p.Padding, p.Include).Tanh())));
        foreach (var op in OpNames.Binary) cases[op] = Binary(op);
        AddFunctions(cases);
        CompositeGradCases.AddTo(cases);
        FusedGradCases.AddTo(cases);
        RecurrentGradCases.AddTo(cases);
        AttentionGradCases.AddTo(cases);
        return cases;
    }

    private static Gen<GradCase> Unary(string name, Func<Tensor, Tensor> f, double low = -2, double high = 2, bool awayFromZero = false) =>
        Small().SelectMany(s => awayFromZero ? GradInputs.AwayFromZero(s, F64, 0.1, 2) : GradInputs.Tensor(s, F64, low, high))
            .Select(x => new GradCase(name, [x], t => f(t[0])));

    /// <summary>sin … minimum. Kinks (clamp's bounds, softplus's threshold) are kept out of reach of the finite
    /// differences; which side of a kink gets the gradient is tested on its own (FunctionGradientChoiceTests).</summary>
    private static void AddFunctions(Dictionary<string, Gen<GradCase>> cases)
    {
        cases[OpNames.Sin] = Unary(OpNames.Sin, x => x.Sin(), -4, 4);
        cases[OpNames.Cos] = Unary(OpNames.Cos, x => x.Cos(), -4, 4);
        cases[OpNames.Log1p] = Unary(OpNames.Log1p, x => x.Log1p(), -0.5, 3);
        cases[OpNames.Expm1] = Unary(OpNames.Expm1, x => x.Expm1());
        cases[OpNames.Erf] = Unary(OpNames.Erf, x => x.Erf());
        cases[OpNames.Silu] = Unary(OpNames.Silu, x => x.Silu(), -4, 4);
        cases[OpNames.Gelu] = Small().SelectMany(s => Gen.Zip(GradInputs.Tensor(s, F64, -4, 4), Gen.Elements(false, true)))
            .Select(x => new GradCase($"gelu(approximate={x.Item2})", [x.Item1], t => t[0].Gelu(x.Item2)));
        // β = 2, threshold 3: the kink at x = 1.5, inputs below 1.3 or above 1.7.
        cases[OpNames.Softplus] = Small().SelectMany(s => GradInputs.Tensor(s, F64, -2, 2)).Select(x => AwayFrom(x, 1.5, 0.2))
            .Select(x => new GradCase("softplus(beta=2, threshold=3)", [x], t => t[0].Softplus(2, 3)));
        cases[OpNames.Clamp] = Small().SelectMany(s => Gen.Zip(GradInputs.Tensor(s, F64, -2, 2), Gen.Elements<(double? Min, double? Max)>((-0.5, 0.7), (-0.5, null), (null, 0.7))))
            .Select(x => new GradCase($"clamp({x.Item2.Min}, {x.Item2.Max})", [AwayFrom(AwayFrom(x.Item1, -0.5, 0.1), 0.7, 0.1)], t => t[0].Clamp(x.Item2.Min, x.Item2.Max)));
    }

    /// <summary>The values within <paramref name="gap"/> of <paramref name="kink"/> moved to twice that distance.</summary>
    private static TensorSpec AwayFrom(TensorSpec spec, double kink, double gap) =>
        spec.WithValues([.. spec.Values.Select(v => Math.Abs(v - kink) >= gap ? v : kink + Math.CopySign(2 * gap, v - kink))]);

    private static Gen<GradCase> Binary(string op)
    {
        var call = OpCases.BinaryCall(op);
        return Gens.BroadcastPair(maxSize: 24).SelectMany(p => Gen.Zip(
                op == OpNames.Pow ? GradInputs.Tensor(p.A, F64, 0.5, 2) : GradInputs.Tensor(p.A, F64),
                op switch
                {
                    OpNames.Div => GradInputs.AwayFromZero(p.B, F64, 0.5),
                    OpNames.Pow => GradInputs.Tensor(p.B, F64, -2, 2),
                    _ => GradInputs.Tensor(p.B, F64),
                }))
            .Select(x => new GradCase(op, [x.Item1, x.Item2], t => call(t[0], t[1])));
    }

    /// <param name="distinct">Inputs without near-ties, for reductions whose gradient picks one element.</param>
    private static Gen<GradCase> Reduction(string name, Func<Tensor, int[], bool, Tensor> f, bool distinct = false) =>
        Small(1).SelectMany(s => Gens.Zip3(distinct ? GradInputs.Distinct(s, F64) : GradInputs.Tensor(s, F64), Gen.ArrayOf(Gen.Elements(true, false), s.Rank), Gen.Elements(true, false)))
            .Select(x =>
            {
                var axes = Enumerable.Range(0, x.Item1.Shape.Rank).Where(i => x.Item2[i]).ToArray();
                return new GradCase($"{name}(axes=[{string.Join(",", axes)}], keep={x.Item3})", [x.Item1], t => f(t[0], axes, x.Item3));
            });

    private static Gen<GradCase> RowWise(string name, Func<Tensor, int, Tensor> f) =>
        Small(1).SelectMany(s => Gen.Zip(GradInputs.Tensor(s, F64), Gen.Choose(-s.Rank, s.Rank - 1)))
            .Select(x => new GradCase($"{name}(axis={x.Item2})", [x.Item1], t => f(t[0], x.Item2)));

    /// <summary>Convolutions of a [2, 4, 6, 5] input (or the unbatched [4, 6, 5]) by [out, 4 / groups, 3, 2] weights over
    /// (stride, padding, dilation, groups) combinations, groups 1, 2 and 4 (depthwise).</summary>
    private static Gen<GradCase> Conv2d() =>
        Gen.Elements((1, 0, 1, 1), (2, 1, 1, 1), (1, 1, 2, 1), (1, 0, 1, 2), (2, 2, 2, 2), (1, 1, 1, 4), (2, 0, 2, 4)).SelectMany(p =>
            Gen.Elements(true, false).SelectMany(unbatched =>
                Gens.Zip3(GradInputs.Tensor(unbatched ? new Shape(4, 6, 5) : new Shape(2, 4, 6, 5), F64), GradInputs.Tensor(new Shape(4, 4 / p.Item4, 3, 2), F64), GradInputs.Tensor(new Shape(4), F64))
                    .Select(x => new GradCase($"conv2d(stride={p.Item1}, padding={p.Item2}, dilation={p.Item3}, groups={p.Item4}{(unbatched ? ", unbatched" : "")})", [x.Item1, x.Item2, x.Item3],
                        t => t[0].Conv2d(t[1], t[2], p.Item1, p.Item2, p.Item3, p.Item4).Tanh()))));

    /// <summary>The gradient ops of a [2, 4, 6, 5] input's convolution by [4, 4 / groups, 3, 2] weights: (stride, padding,
    /// dilation, groups) as for conv2d, with the output size they give.</summary>
    private static Gen<(int Stride, int Padding, int Dilation, int Groups, int OutH, int OutW, string Description)> ConvBackward() =>
        Gen.Elements((1, 0, 1, 1), (2, 1, 1, 1), (1, 1, 2, 1), (1, 0, 1, 2), (2, 2, 2, 2), (1, 1, 1, 4), (2, 0, 2, 4))
            .Select(p => (p.Item1, p.Item2, p.Item3, p.Item4, (6 + 2 * p.Item2 - 2 * p.Item3 - 1) / p.Item1 + 1, (5 + 2 * p.Item2 - p.Item3 - 1) / p.Item1 + 1,
                $"stride={p.Item1}, padding={p.Item2}, dilation={p.Item3}, groups={p.Item4}"));

    /// <summary>Average-pooling windows for a [2, 2, 5, 4] image: kernel 1–3, stride 1–2, padding up to half the kernel.</summary>
    private static Gen<(int K, int Stride, int Padding, bool Include, string Description)> AvgPool() =>
        Gen.Choose(1, 3).SelectMany(k => Gens.Zip3(Gen.Choose(1, 2), Gen.Choose(0, k / 2), Gen.Elements(true, false))
            .Select(p => (k, p.Item1, p.Item2, p.Item3, $"{k}x{k}, stride={p.Item1}, padding={p.Item2}, countIncludePad={p.Item3}")));

    private static Gen<GradCase> MatMul()
    {
        var dim = Gen.Choose(1, 5);
        var batch = Gen.Elements(new Shape(), new Shape(2), new Shape(1), new Shape(2, 1));
        return Gens.Zip3(dim, dim, dim).SelectMany(mnk => batch.SelectMany(b => Gens.Broadcastable(b).SelectMany(other =>
            Gen.Zip(GradInputs.Tensor(new Shape([.. b, mnk.Item1, mnk.Item3]), F64), GradInputs.Tensor(new Shape([.. other, mnk.Item3, mnk.Item2]), F64)))))
            .Select(x => new GradCase("matmul", [x.Item1, x.Item2], t => t[0].MatMul(t[1])));
    }
}
