using Grimoire.Autograd;
using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;

namespace Grimoire.Tests.Nn;

/// <summary>The transformer layers: shapes and names, positional encodings, KV-cached decoding equal to the full forward,
/// GPT-2's initialisation, the warm-up cosine schedule and AdamW's decay groups.</summary>
public class TransformerTests
{
    private static TransformerConfig Small(PositionalEncodingKind positions = PositionalEncodingKind.Sinusoidal) =>
        new(VocabSize: 11, ContextLength: 9, Layers: 2, Heads: 2, Dim: 8, Positions: positions);

    [Test]
    public void ModelHasNanoGptsParameterNamesWithTheHeadTiedToTheEmbeddings()
    {
        using var model = new DecoderOnlyTransformer(Small(PositionalEncodingKind.Learned), new Rng(1));
        var names = model.NamedParameters().Select(p => p.Name).ToList();
        Assert.That(names, Does.Contain("wte.weight").And.Contain("wpe.weight").And.Contain("h.1.attn.c_attn.weight").And.Contain("h.0.mlp.c_proj.weight").And.Contain("ln_f.weight"));
        Assert.That(names.Any(n => n.Contains("bias")), Is.False, "bias=False, as nanoGPT's default");
        Assert.That(names.Any(n => n.Contains("lm_head")), Is.False, "the head reuses wte");
        // wte 11·8 + wpe 9·8 + per block (2 norms 8 each, c_attn 8·24, c_proj 8·8, c_fc 8·32, mlp c_proj 32·8) + ln_f 8
        Assert.That(model.ParameterCount, Is.EqualTo(88 + 72 + 2 * (16 + 192 + 64 + 256 + 256) + 8));
        using var ids = Tensor.FromArray(new[] { 1, 2, 3, 4, 5, 6 }, new Shape(2, 3));
        using var logits = model.Forward(ids);
        Assert.That(logits.Shape, Is.EqualTo(new Shape(2, 3, 11)));
    }

    [Test]
    public void WeightsFollowGpt2sInitialisation()
    {
        using var model = new DecoderOnlyTransformer(new TransformerConfig(64, 16, Layers: 8, Heads: 4, Dim: 64), new Rng(2));
        double Std(string name) => Statistics(model.NamedParameters().Single(p => p.Name == name).Parameter.Value.ToDoubleArray());
        Assert.That(Std("wte.weight"), Is.EqualTo(0.02).Within(0.002));
        Assert.That(Std("h.0.attn.c_attn.weight"), Is.EqualTo(0.02).Within(0.002));
        Assert.That(Std("h.3.attn.c_proj.weight"), Is.EqualTo(0.02 / 4).Within(0.0005), "residual projections scaled by 1/√(2·8)");
        Assert.That(Std("h.3.mlp.c_proj.weight"), Is.EqualTo(0.02 / 4).Within(0.0005));
    }

    private static double Statistics(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }

    [TestCase(PositionalEncodingKind.Sinusoidal, 1)]
    [TestCase(PositionalEncodingKind.Learned, 3)]
    public void DecodingWithTheCacheGivesTheFullForwardsLogits(PositionalEncodingKind positions, int prompt)
    {
        using var model = new DecoderOnlyTransformer(Small(positions), new Rng(3));
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        int[] tokens = [4, 7, 1, 0, 10, 3, 3, 9, 2, 5, 6, 8, 1, 2, 0, 7, 3, 9];
        var ids = Tensor.FromArray(tokens, new Shape(2, 9));
        var full = model.Forward(ids).ToDoubleArray();
        using var cache = model.CreateCache(2);
        var pieces = new List<double[]> { model.Forward(ids.Slice(1, 0, prompt), cache).ToDoubleArray() };
        for (var t = prompt; t < 9; t++) pieces.Add(model.Forward(ids.Slice(1, t, t + 1), cache).ToDoubleArray());
        Assert.That(cache.Length, Is.EqualTo(9));
        var cached = new double[full.Length];
        for (var b = 0; b < 2; b++)
        {
            var t = 0;
            foreach (var piece in pieces)
            {
                var n = piece.Length / (2 * 11);
                Array.Copy(piece, b * n * 11, cached, (b * 9 + t) * 11, n * 11);
                t += n;
            }
        }
        Assert.That(cached, Is.EqualTo(full).Within(1e-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(ids.Slice(1, 0, 1), cache), "no position past the context length");
    }

    [Test]
    public void SinusoidalPositionsAreVaswanisTable()
    {
        using var encoding = new SinusoidalPositionalEncoding(10, 6);
        using var scope = new TensorScope();
        var pe = encoding.Forward(Tensor.Zeros(new Shape(1, 10, 6))).ToDoubleArray();
        Assert.That(pe[..6], Is.EqualTo(new double[] { 0, 1, 0, 1, 0, 1 }).Within(1e-7));
        Assert.That(pe[7 * 6 + 2], Is.EqualTo(Math.Sin(7 / Math.Pow(10000, 2.0 / 6))).Within(1e-6));
        Assert.That(pe[7 * 6 + 5], Is.EqualTo(Math.Cos(7 / Math.Pow(10000, 4.0 / 6))).Within(1e-6));
        Assert.That(encoding.NamedParameters(), Is.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => encoding.Forward(Tensor.Zeros(new Shape(1, 4, 6)), start: 7));
    }

    [Test]
    public void WarmupCosineFollowsNanoGptsGetLr()
    {
        using var p = new Parameter("w", Tensor.Zeros(new Shape(2)));
        using var adam = new AdamW([p], learningRate: 1e-3);
        var schedule = new WarmupCosineLR(adam, warmupSteps: 100, decaySteps: 2000, minLearningRate: 1e-4);
        static double GetLr(int it) => it < 100 ? 1e-3 * (it + 1) / 101 : it > 2000 ? 1e-4 : 1e-4 + 0.5 * (1 + Math.Cos(Math.PI * (it - 100) / 1900.0)) * (1e-3 - 1e-4);
        Assert.That(adam.LearningRate, Is.EqualTo(GetLr(0)).Within(1e-15));
        foreach (var it in new[] { 0, 50, 99, 100, 101, 1050, 1999, 2000, 2001, 3000 })
            Assert.That(schedule.RateAt(it), Is.EqualTo(GetLr(it)).Within(1e-15), $"step {it}");
        schedule.Step();
        Assert.That(adam.LearningRate, Is.EqualTo(GetLr(1)).Within(1e-15));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineLR(adam, 10, 10, 1e-4));
    }

    [Test]
    public void AdamWDecaysOnlyTheParametersItIsToldTo()
    {
        using var matrix = new Parameter("w", Tensor.Ones(new Shape(2, 2)));
        using var vector = new Parameter("b", Tensor.Ones(new Shape(2)));
        using var adam = new AdamW([matrix, vector], learningRate: 0.1, weightDecay: 0.5, decays: AdamW.MatricesOnly);
        using (new TensorScope()) (matrix.Value.Sum() * 0 + vector.Value.Sum() * 0).Backward();
        adam.Step();
        Assert.That(matrix.Value.ToDoubleArray(), Is.All.EqualTo(0.95).Within(1e-6), "θ(1 − ηλ) with a zero gradient");
        Assert.That(vector.Value.ToDoubleArray(), Is.All.EqualTo(1.0).Within(1e-6), "no decay on rank-1 parameters");
    }

    [Test]
    public void AModelLearnsARepeatingSequence()
    {
        using var model = new DecoderOnlyTransformer(Small(), new Rng(4));
        using var adam = new AdamW(model.Parameters(), learningRate: 1e-2, weightDecay: 0, decays: AdamW.MatricesOnly);
        int[] pattern = [1, 5, 2, 8, 3, 1, 5, 2, 8, 3];
        using var ids = Tensor.FromArray(pattern[..9], new Shape(1, 9));
        using var targets = Tensor.FromArray(pattern[1..]);
        double Loss()
        {
            using var scope = new TensorScope();
            adam.ZeroGrad();
            var loss = model.Forward(ids).Reshape(9, 11).CrossEntropy(targets);
            loss.Backward();
            adam.Step();
            return loss.Item();
        }
        var first = Loss();
        var last = first;
        for (var i = 0; i < 80; i++) last = Loss();
        Assert.That(first, Is.GreaterThan(2.0), "about ln 11 at the start");
        Assert.That(last, Is.LessThan(0.3), "the sequence is memorised");
    }
}
