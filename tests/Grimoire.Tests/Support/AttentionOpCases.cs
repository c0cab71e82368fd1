using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;

namespace Grimoire.Tests.Support;

/// <summary>Generators for attention, its backward op and gelu's backward op (see <see cref="OpCases"/>). Attention runs on
/// separate q, k, v in random layouts (strided views the kernels read in place, others copied first) or on views of one
/// packed [b, t, 3·heads·d] projection; sizes include odd lengths and head dims off the vector width, causal masks with a
/// cache offset, and one case large enough to split heads over cores.</summary>
public static class AttentionOpCases
{
    /// <summary>One attention's sizes and mask.</summary>
    public sealed record Sizes(int B, int H, int Tq, int Tk, int D, bool Causal, int Offset)
    {
        public AttentionAttributes Attributes => new(B, H, Tq, Tk, D, 1 / Math.Sqrt(D), Causal, Offset);

        public Shape Query => new(B, H, Tq, D);

        public Shape Key => new(B, H, Tk, D);

        public override string ToString() => $"b={B} heads={H} tq={Tq} tk={Tk} d={D}{(Causal ? $" causal offset={Offset}" : "")}";
    }

    /// <summary>Small random sizes (odd lengths, head dims below, at and past the vector widths), causal with or without a
    /// cache offset (self-attention keeps tq = tk), unmasked queries over another number of keys, and one large case.</summary>
    public static Gen<Sizes> AttentionSizes(bool selfAttention)
    {
        var small = Gens.Zip3(Gen.Zip(Gen.Choose(1, 2), Gen.Choose(1, 3)), Gen.Zip(Gen.Choose(1, 9), Gen.Elements(1, 2, 3, 5, 8, 16, 17)),
                Gen.Zip(Gen.Elements(true, true, false), Gen.Elements(0, 0, 1, 4)))
            .Select(p => new Sizes(p.Item1.Item1, p.Item1.Item2, p.Item2.Item1, p.Item2.Item1 + (selfAttention || !p.Item3.Item1 ? 0 : p.Item3.Item2),
                p.Item2.Item2, p.Item3.Item1, p.Item3.Item1 ? p.Item3.Item2 : 0));
        var unmasked = Gen.Zip(Gen.Choose(1, 9), Gen.Choose(1, 9)).Select(p => new Sizes(2, 2, p.Item1, selfAttention ? p.Item1 : p.Item2, 5, false, 0));
        return Gen.Frequency((8, small), (2, unmasked), (1, Gen.Constant(new Sizes(2, 3, 65, 65, 33, true, 0))));
    }

    public static void AddTo(Dictionary<string, Func<DType, Gen<OpCase>>> cases)
    {
        cases[OpNames.Attention] = dt => Gen.OneOf(Separate(dt), Packed(dt));
        cases[OpNames.AttentionBackward] = dt => AttentionSizes(selfAttention: true).SelectMany(s => Gen.Zip(
                Gens.Zip3(Gens.Tensor(s.Query, dt), Gens.Tensor(s.Key, dt), Gens.Tensor(s.Key, dt)), Gens.Tensor(new Shape(s.B, s.Tq, s.H, s.D), dt))
            .Select(x => new OpCase(OpNames.AttentionBackward, [x.Item2, x.Item1.Item1, x.Item1.Item2, x.Item1.Item3], t =>
            {
                var a = s.Attributes;
                using var saved = Tensor.AttentionSaved(t[1], t[2], t[3], s.Causal, s.Offset);
                return Tensor.AttentionBackward(t[0], t[1], t[2], t[3], Tensor.SavedProbabilities(saved, a), a);
            }, $"attention_backward({s})")));
        cases[OpNames.GeluBackward] = dt => Gens.ShapeWithLarge(0).SelectMany(shape => Gens.Zip3(
                Gens.Tensor(shape, dt), Gen.OneOf(Gens.Tensor(shape, dt, -13, 10), Gens.Tensor(shape, dt)), Gen.Elements(false, true)))
            .Select(x => new OpCase(OpNames.GeluBackward, [x.Item1, x.Item2], t => Tensor.GeluBackward(t[0], t[1], x.Item3), $"gelu_backward(approximate={x.Item3})"));
    }

    private static Gen<OpCase> Separate(DType dt) =>
        AttentionSizes(selfAttention: false).SelectMany(s => Gens.Zip3(Gens.Tensor(s.Query, dt), Gens.Tensor(s.Key, dt), Gens.Tensor(s.Key, dt))
            .Select(x => new OpCase(OpNames.Attention, [x.Item1, x.Item2, x.Item3], t => Tensor.AttentionSaved(t[0], t[1], t[2], s.Causal, s.Offset), $"attention({s})")));

    /// <summary>q, k and v as strided views of one packed projection, as a transformer's attention layer hands them over.</summary>
    private static Gen<OpCase> Packed(DType dt) =>
        AttentionSizes(selfAttention: true).SelectMany(s => Gens.Tensor(new Shape(s.B, s.Tq, 3 * s.H * s.D), dt, broadcast: false)
            .Select(x => new OpCase(OpNames.Attention, [x], t =>
            {
                var parts = t[0].Reshape(s.B, s.Tq, 3, s.H, s.D);
                Tensor Part(int k) => parts.Slice(2, k, k + 1).Squeeze(2).Permute(0, 2, 1, 3);
                return Tensor.AttentionSaved(Part(0), Part(1), Part(2), s.Causal, s.Offset);
            }, $"attention(packed, {s})")));
}
