using Grimoire.Autograd;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;

namespace Grimoire.Tests.Nn;

/// <summary>nanoGPT's training step against PyTorch's numbers: a small decoder in float64 with weights from a formula, one
/// fixed batch, three AdamW steps with decay on matrices only, global-norm clipping and the warm-up cosine schedule. The
/// expected values come from <c>benchmarks/lm/transformer_torch.py golden --block 4 --layers 2 --heads 2 --dim 8</c>
/// (PyTorch 1.13, the same model written from nanoGPT), so any difference in the forward, the tied head's gradient, the
/// clipping, AdamW or the schedule's step index shows up here (the full-size float32 replay is the script's parity mode).
/// The script clips by the exact scale maxNorm/‖g‖, as the engine does; PyTorch's clip_grad_norm_ divides by ‖g‖ + 1e-6,
/// which moves the losses of later steps by about 1e-8 relative here (and nothing visible in float32 training).</summary>
public class TransformerParityTests
{
    private static readonly double[] Losses = [2.4446448819633773, 2.3948291582026533, 2.2391297003331236, 2.1630828247335665];
    private static readonly double[] Norms = [9.524083098243574, 3.2604967598938766, 1.9434073446051323];

    // Σⱼ wⱼ·cos(j) over each final weight, in the engine's layout (Linear weights [in, out]).
    private static readonly Dictionary<string, double> Checksums = new()
    {
        ["wte.weight"] = -0.13593624191511355,
        ["wpe.weight"] = 0.07013155309022609,
        ["h.0.ln_1.weight"] = 1.7563068290539303,
        ["h.0.attn.c_attn.weight"] = -0.1627122670773743,
        ["h.0.attn.c_proj.weight"] = -0.08382375893906607,
        ["h.0.ln_2.weight"] = 1.3861575648456217,
        ["h.0.mlp.c_fc.weight"] = 0.10532466176887084,
        ["h.0.mlp.c_proj.weight"] = 0.06682721548962764,
        ["h.1.ln_1.weight"] = 1.3203838395565137,
        ["h.1.attn.c_attn.weight"] = 0.056445031884288684,
        ["h.1.attn.c_proj.weight"] = 0.07082034059456473,
        ["h.1.ln_2.weight"] = 1.7721428688817518,
        ["h.1.mlp.c_fc.weight"] = -0.11996760784084627,
        ["h.1.mlp.c_proj.weight"] = -0.17403615732455946,
        ["ln_f.weight"] = 1.170794322302381,
    };

    [Test]
    public void ThreeClippedAdamWStepsMatchPyTorch()
    {
        const int vocab = 13, batch = 2, block = 4;
        using var model = new DecoderOnlyTransformer(new TransformerConfig(vocab, block, Layers: 2, Heads: 2, Dim: 8, Positions: PositionalEncodingKind.Learned), new Rng(1), DType.Float64);
        var named = model.NamedParameters().ToList();
        Assert.That(named.Select(p => p.Name), Is.EqualTo(Checksums.Keys), "nanoGPT's parameter order");
        using (GradMode.NoGrad())
        {
            for (var k = 0; k < named.Count; k++)
            {
                var p = named[k].Parameter;
                var values = Enumerable.Range(0, p.Size).Select(j => 0.1 * Math.Sin(0.7 * j + 1.3 * k + 0.5) + (p.Shape.Rank == 1 ? 1 : 0)).ToArray();
                using var formula = Tensor.FromArray(values, p.Shape);
                formula.CopyTo(p.Value);
            }
        }
        var (x, y) = (new int[batch * block], new int[batch * block]);
        for (var b = 0; b < batch; b++)
        {
            for (var t = 0; t < block; t++) (x[b * block + t], y[b * block + t]) = ((7 * b + 3 * t + 1) % vocab, (5 * b + 2 * t + 4) % vocab);
        }
        using var ids = Tensor.FromArray(x, new Shape(batch, block));
        using var targets = Tensor.FromArray(y);
        using var optimizer = new AdamW(model.Parameters(), 1e-2, 0.9, 0.99, 1e-8, weightDecay: 0.1, decays: AdamW.MatricesOnly);
        var schedule = new WarmupCosineLR(optimizer, warmupSteps: 1, decaySteps: 3, minLearningRate: 1e-3);
        double Loss() => model.Forward(ids).Reshape(-1, vocab).CrossEntropy(targets).Item();
        for (var step = 0; step < 3; step++)
        {
            using var scope = new TensorScope();
            var loss = model.Forward(ids).Reshape(-1, vocab).CrossEntropy(targets);
            optimizer.ZeroGrad();
            loss.Backward();
            Assert.That(GradientClipping.ClipByGlobalNorm(optimizer.Parameters, 0.5), Is.EqualTo(Norms[step]).Within(1e-7).Percent, $"gradient norm at step {step}");
            optimizer.Step();
            schedule.Step();
            Assert.That(loss.Item(), Is.EqualTo(Losses[step]).Within(1e-7).Percent, $"loss at step {step}");
        }
        using (GradMode.NoGrad())
        using (new TensorScope())
        {
            Assert.That(Loss(), Is.EqualTo(Losses[3]).Within(1e-7).Percent, "loss after three steps");
        }
        foreach (var (name, p) in named)
        {
            var checksum = p.Value.ToDoubleArray().Select((w, j) => w * Math.Cos(j)).Sum();
            Assert.That(checksum, Is.EqualTo(Checksums[name]).Within(1e-9), name);
        }
    }
}
