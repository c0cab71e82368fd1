using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gradients;

/// <summary>Gradient checks of layer_norm (with and without γ and β, over one or two trailing axes) and of the
/// log-probabilities (broadcast operands included).</summary>
public static class FusedGradCases
{
    private const DType F64 = DType.Float64;

    public static void AddTo(Dictionary<string, Gen<GradCase>> cases)
    {
        cases[OpNames.LayerNorm] = Gens.Shape(1, 3, 24).Where(s => s[-1] > 1).SelectMany(s => Gen.Zip(Gen.Choose(1, Math.Min(2, s.Rank)), Gen.Elements(true, false)).SelectMany(p =>
            {
                var normalised = new Shape(s.ToArray()[^p.Item1..]);
                return Gens.Zip3(GradInputs.Tensor(s, F64), GradInputs.Tensor(normalised, F64), GradInputs.Tensor(normalised, F64))
                    .Select(x => new GradCase($"layer_norm({normalised}, {(p.Item2 ? "affine" : "plain")})", p.Item2 ? [x.Item1, x.Item2, x.Item3] : [x.Item1],
                        t => t[0].LayerNorm(normalised, p.Item2 ? t[1] : null, p.Item2 ? t[2] : null, 0.1).Tanh()));
            }));
        cases[OpNames.NormalLogProb] = Gens.BroadcastPair(maxSize: 24).SelectMany(p => Gens.Zip3(GradInputs.Tensor(p.A, F64), GradInputs.Tensor(p.B, F64), GradInputs.Tensor(p.Out, F64, -1, 1)))
            .Select(x => new GradCase("normal_log_prob", [x.Item1, x.Item2, x.Item3], t => Tensor.NormalLogProb(t[0], t[1], t[2])));
        cases[OpNames.CategoricalLogProb] = Gen.Zip(Gen.Choose(1, 6), Gen.Choose(1, 5)).SelectMany(p => Gen.Zip(GradInputs.Tensor(new Shape(p.Item1, p.Item2), F64), Gens.Indices(p.Item1, p.Item2)))
            .Select(x => new GradCase("categorical_log_prob", [x.Item1, x.Item2], t => t[0].CategoricalLogProb(t[1]).Tanh()));
    }
}
