using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gradients;

/// <summary>Gradient checks of attention: the general op on separate q, k, v (its fused backward op for self-attention, the
/// composed rule for queries over a longer cache) and the packed self-attention. (gelu, whose gradient now runs its fused
/// backward op, is checked with the other functions.)</summary>
public static class AttentionGradCases
{
    private const DType F64 = DType.Float64;

    private static Gen<AttentionOpCases.Sizes> Sizes(bool selfAttention) =>
        Gens.Zip3(Gen.Choose(1, 3), Gen.Choose(1, 4), Gen.Zip(Gen.Elements(true, false), Gen.Choose(0, 2)))
            .Select(p => new AttentionOpCases.Sizes(1, 2, p.Item1, p.Item1 + (selfAttention ? 0 : p.Item3.Item2), p.Item2, p.Item3.Item1, p.Item3.Item1 && !selfAttention ? p.Item3.Item2 : 0));

    public static void AddTo(Dictionary<string, Gen<GradCase>> cases)
    {
        cases[OpNames.Attention] = Gen.Elements(true, false).SelectMany(self => Sizes(self)).SelectMany(s =>
                Gens.Zip3(GradInputs.Tensor(s.Query, F64), GradInputs.Tensor(s.Key, F64), GradInputs.Tensor(s.Key, F64))
                    .Select(x => new GradCase($"attention({s})", [x.Item1, x.Item2, x.Item3],
                        t => Tensor.ScaledDotProductAttention(t[0], t[1], t[2], s.Causal, s.Offset))));
        cases["self_attention"] = Sizes(selfAttention: true).SelectMany(s => GradInputs.Tensor(new Shape(s.B, s.Tq, 3 * s.H * s.D), F64)
            .Select(x => new GradCase($"self_attention({s})", [x], t => Tensor.SelfAttention(t[0], s.H, s.Causal))));
    }
}
