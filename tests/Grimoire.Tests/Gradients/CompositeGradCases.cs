using FsCheck;
using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gradients;

/// <summary>Gradient checks of the composite ops (min, variance, standard deviation, log-sum-exp, masked fill, cross-entropy
/// with options, matmul with a vector), on inputs away from ties and from zero variance.</summary>
public static class CompositeGradCases
{
    private const DType F64 = DType.Float64;

    public static void AddTo(Dictionary<string, Gen<GradCase>> cases)
    {
        cases["min"] = Reduction("min", (x, axes) => x.Min(axes));
        cases["var"] = Reduction("var", (x, axes) => x.Var(axes));
        cases["std"] = Reduction("std", (x, axes) => x.Std(axes, correction: 0));
        cases["logsumexp"] = Reduction("logsumexp", (x, axes) => x.LogSumExp(axes));
        cases["masked_fill"] = Gen.Zip(GradInputs.Tensor(new Shape(3, 4), F64), Gens.Tensor(new Shape(3, 4), F64, 0, 2))
            .Select(x => new GradCase("masked_fill", [x.Item1, x.Item2.WithValues([.. x.Item2.Values.Select(Math.Floor)])],
                t => t[0].MaskedFill(t[1], -5).Tanh(), Constants: [1]));
        cases["cross_entropy with options"] = Gen.Zip(Gen.Choose(1, 5), Gen.Choose(2, 5)).SelectMany(p => Gens.Zip3(GradInputs.Tensor(new Shape(p.Item1, p.Item2), F64),
                Gen.ArrayOf(Gen.Frequency((3, Gen.Choose(0, p.Item2 - 1)), (1, Gen.Constant(-1))), p.Item1), Gen.Elements(Grimoire.Reduction.Mean, Grimoire.Reduction.Sum, Grimoire.Reduction.None)))
            .Select(x => new GradCase($"cross_entropy(ignore -1, smoothing 0.2, {x.Item3})", [x.Item1, new TensorSpec(new Shape(x.Item2.Length), [.. x.Item2.Select(l => (double)l)], DType.Int32)],
                t => t[0].CrossEntropy(t[1], ignoreIndex: -1, labelSmoothing: 0.2, reduction: x.Item3)));
        cases["matmul with vectors"] = Gens.Zip3(GradInputs.Tensor(new Shape(3, 4), F64), GradInputs.Tensor(new Shape(4), F64), GradInputs.Tensor(new Shape(3), F64))
            .Select(x => new GradCase("matmul with vectors", [x.Item1, x.Item2, x.Item3], t => t[2].MatMul(t[0]).MatMul(t[1]).Tanh()));
    }

    private static Gen<GradCase> Reduction(string name, Func<Tensor, int[], Tensor> f) =>
        Gens.Shape(1, 3, 24).Where(s => s.Size > 1).SelectMany(s => Gen.Zip(GradInputs.Tensor(s, F64), Gen.ArrayOf(Gen.Elements(true, false), s.Rank)))
            .Select(x => (Spec: x.Item1, Axes: Enumerable.Range(0, x.Item1.Shape.Rank).Where(i => x.Item2[i] && x.Item1.Shape[i] > 1).ToArray()))
            .Where(x => x.Axes.Length > 0)
            .Select(x => new GradCase($"{name}(axes=[{string.Join(",", x.Axes)}])", [x.Spec], t => f(t[0], x.Axes)));
}
