using FsCheck;
using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Laws;

/// <summary>Properties of attention over random shapes (odd lengths, head dims off the vector width): the fused op equals its
/// composition from primitives, forward and backward; causal masking hides the future; a query over a key/value cache (an
/// offset) equals the same query inside the whole sequence; the packed form equals the general one.</summary>
public class AttentionLaws
{
    private static Gen<(AttentionOpCases.Sizes S, TensorSpec Q, TensorSpec K, TensorSpec V)> Operands(bool selfAttention) =>
        AttentionOpCases.AttentionSizes(selfAttention).SelectMany(s => Gens.Zip3(Gens.Tensor(s.Query, DType.Float32), Gens.Tensor(s.Key, DType.Float32), Gens.Tensor(s.Key, DType.Float32))
            .Select(x => (s, x.Item1, x.Item2, x.Item3)));

    [Test]
    public void FusedEqualsTheComposedReferenceForwardAndBackward() => PropertyCheck.ForAll(Operands(selfAttention: false), c =>
    {
        var (fused, fusedGrads) = Run(c, (q, k, v) => Tensor.ScaledDotProductAttention(q, k, v, c.S.Causal, c.S.Offset));
        var (composed, composedGrads) = Run(c, (q, k, v) => Tensor.ScaledDotProductAttentionComposed(q, k, v, c.S.Causal, c.S.Offset));
        Compare.Within(fused, composed, new(2e-5, 1e-4), $"output of {c.S}");
        for (var i = 0; i < 3; i++) Compare.Within(fusedGrads[i], composedGrads[i], new(1e-4, 1e-3), $"gradient of operand {i} of {c.S}");
    }, cases: 30);

    [Test]
    public void PerturbingFutureTokensNeverChangesEarlierOutputs() => PropertyCheck.ForAll(
        Operands(selfAttention: true).Where(c => c.S.Causal && c.S.Tq > 1).SelectMany(c => Gen.Choose(1, c.S.Tq - 1).Select(from => (c, from))), p =>
        {
            var (c, from) = p;
            using var q = c.Q.Build();
            using var k = c.K.Build();
            using var v = c.V.Build();
            // dense copies, as the perturbed operands are, so both runs take the same kernel path
            var original = Tensor.ScaledDotProductAttention(q.Contiguous(copy: true), k.Contiguous(copy: true), v.Contiguous(copy: true), causal: true, c.S.Offset);
            // keys, values and queries at positions ≥ from replaced by other values
            var noise = Tensor.RandN(k.Shape, rng: new Rng((ulong)from)) * 5;
            var keep = Tensor.Arange(c.S.Tk).Reshape(1, 1, c.S.Tk, 1).Lt(from).To(DType.Float32);
            Tensor Perturb(Tensor x) => x * keep + noise * (1 - keep);
            var perturbed = Tensor.ScaledDotProductAttention(Perturb(q), Perturb(k), Perturb(v), causal: true, c.S.Offset);
            var visible = Math.Max(0, from - c.S.Offset);
            Assert.That(perturbed.Slice(2, 0, visible).ToDoubleArray(), Is.EqualTo(original.Slice(2, 0, visible).ToDoubleArray()),
                $"outputs before position {from} of {c.S}");
        }, cases: 40);

    [Test]
    public void QueriesOverACacheEqualTheSameRowsOfTheWholeSequence() => PropertyCheck.ForAll(
        Operands(selfAttention: true).SelectMany(c => Gen.Choose(0, c.S.Tq - 1).Select(cached => (c, cached))), p =>
        {
            var (c, cached) = p;
            using var q = c.Q.Build();
            using var k = c.K.Build();
            using var v = c.V.Build();
            var whole = Tensor.ScaledDotProductAttention(q, k, v, causal: true);
            var tail = Tensor.ScaledDotProductAttention(q.Slice(2, cached, c.S.Tq), k, v, causal: true, offset: cached);
            Compare.Within(tail.ToDoubleArray(), whole.Slice(2, cached, c.S.Tq).ToDoubleArray(), new(1e-6, 1e-5), $"rows from {cached} of {c.S}");
        }, cases: 30);

    [Test]
    public void PackedSelfAttentionEqualsTheGeneralOpOnItsViews() => PropertyCheck.ForAll(
        AttentionOpCases.AttentionSizes(selfAttention: true).SelectMany(s => Gens.Tensor(new Shape(s.B, s.Tq, 3 * s.H * s.D), DType.Float32, broadcast: false).Select(x => (s, x))), p =>
        {
            var (s, spec) = p;
            var qkv = spec.Build(requiresGrad: true);
            var packed = Tensor.SelfAttention(qkv, s.H, s.Causal);
            var weights = Tensor.RandN(packed.Shape, rng: new Rng(3));
            (packed * weights).Sum().Backward();
            var packedGrad = qkv.Grad!.ToDoubleArray();

            var general = spec.Build(requiresGrad: true);
            var parts = general.Reshape(s.B, s.Tq, 3, s.H, s.D);
            Tensor Part(int k) => parts.Slice(2, k, k + 1).Squeeze(2).Permute(0, 2, 1, 3);
            var y = Tensor.ScaledDotProductAttention(Part(0), Part(1), Part(2), s.Causal).Permute(0, 2, 1, 3).Reshape(s.B, s.Tq, s.H * s.D);
            (y * weights).Sum().Backward();
            Assert.That(packed.ToDoubleArray(), Is.EqualTo(y.ToDoubleArray()), s.ToString());
            Compare.Within(packedGrad, general.Grad!.ToDoubleArray(), new(1e-6, 1e-5), $"gradient of {s}");
        }, cases: 25);

    private static (double[] Output, double[][] Gradients) Run((AttentionOpCases.Sizes S, TensorSpec Q, TensorSpec K, TensorSpec V) c, Func<Tensor, Tensor, Tensor, Tensor> attention)
    {
        Tensor[] inputs = [c.Q.Build(requiresGrad: true), c.K.Build(requiresGrad: true), c.V.Build(requiresGrad: true)];
        var y = attention(inputs[0], inputs[1], inputs[2]);
        (y * Tensor.RandN(y.Shape, rng: new Rng(11))).Sum().Backward();
        return (y.ToDoubleArray(), [.. inputs.Select(t => t.Grad!.ToDoubleArray())]);
    }
}
