using Grimoire.Autograd;
using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Tests.Conformance;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Nn;

/// <summary>Layer and model gradients against central finite differences in float64: for L = Σ model(x)·w with
/// random weights w, every parameter element (and the input) is shifted by ±h and the slope compared to autodiff.</summary>
[TestFixture]
public sealed class NnGradientTests
{
    private const double Step = 1e-6;
    private static readonly Tolerances.Tolerance Tolerance = new(1e-7, 1e-5);

    [TestCase(Activation.None)]
    [TestCase(Activation.Relu)]
    [TestCase(Activation.Sigmoid)]
    [TestCase(Activation.Tanh)]
    public void LinearMatchesFiniteDifferences(Activation activation)
    {
        using var layer = new Linear(5, 4, activation, new Rng(1), dtype: DType.Float64);
        CheckModel(layer, new Shape(3, 5), $"linear {activation}");
    }

    [TestCase(1, 0)]
    [TestCase(2, 1)]
    public void Conv2dMatchesFiniteDifferences(int stride, int padding)
    {
        using var layer = new Conv2d(2, 3, 3, stride, padding, new Rng(7), dtype: DType.Float64);
        CheckModel(layer, new Shape(2, 2, 5, 5), $"conv2d stride {stride} padding {padding}");
    }

    [TestCase(2, 1)]
    [TestCase(1, 2)]
    [TestCase(2, 2)]
    public void DilatedAndGroupedConv2dMatchesFiniteDifferences(int dilation, int groups)
    {
        using var layer = new Conv2d(4, 2, 2, padding: 1, rng: new Rng(9), dtype: DType.Float64, dilation: dilation, groups: groups);
        Assert.That(layer.Weight.Value.Shape, Is.EqualTo(new Shape(2, 4 / groups, 2, 2)));
        CheckModel(layer, new Shape(2, 4, 5, 4), $"conv2d dilation {dilation} groups {groups}");
    }

    /// <summary>Padded pooling of unbatched CHW images, average both with and without padding in the divisor.</summary>
    [TestCase(true)]
    [TestCase(false)]
    public void PaddedPoolingOfUnbatchedImagesMatchesFiniteDifferences(bool countIncludePad)
    {
        using var cnn = new Sequential(
            new Conv2d(2, 2, 3, padding: 1, rng: new Rng(10), dtype: DType.Float64), Pool2d.Max(3, stride: 2, padding: 1), Pool2d.Average(2, stride: 1, padding: 1, countIncludePad));
        CheckModel(cnn, new Shape(2, 6, 5), $"conv-maxpool-avgpool padded, countIncludePad {countIncludePad}");
    }

    /// <summary>Inputs are random, so window maxima are unique and max pooling is differentiable at them.</summary>
    [Test]
    public void PoolingMatchesFiniteDifferences()
    {
        var rng = new Rng(8);
        using var cnn = new Sequential(
            new Conv2d(1, 2, 3, padding: 1, rng: rng, dtype: DType.Float64), Pool2d.Max(2),
            new Conv2d(2, 2, 2, rng: rng, dtype: DType.Float64), Pool2d.Average(2, stride: 1), new Flatten());
        CheckModel(cnn, new Shape(2, 1, 6, 6), "conv-maxpool-conv-avgpool");
    }

    /// <summary>Training mode, so the gradient also flows through the batch mean and variance; γ and β are moved off
    /// their 1 and 0 start by the preceding layer's random weights feeding a non-trivial loss.</summary>
    [Test]
    public void BatchNorm1dMatchesFiniteDifferences()
    {
        using var model = new Sequential(new Linear(3, 4, Activation.None, new Rng(12), dtype: DType.Float64), new BatchNorm1d(4, dtype: DType.Float64), new Tanh());
        CheckModel(model, new Shape(5, 3), "linear-batchnorm1d-tanh");
    }

    [Test]
    public void LayerNormMatchesFiniteDifferences()
    {
        using var model = new Sequential(new Linear(3, 6, Activation.None, new Rng(14), dtype: DType.Float64), new Unflatten(2, 3), new LayerNorm(new Shape(2, 3), dtype: DType.Float64), new Tanh());
        CheckModel(model, new Shape(4, 3), "linear-layernorm(2x3)-tanh");
    }

    [Test]
    public void BatchNorm2dMatchesFiniteDifferences()
    {
        using var model = new Sequential(new Conv2d(2, 3, 2, rng: new Rng(13), dtype: DType.Float64), new BatchNorm2d(3, dtype: DType.Float64), new Tanh());
        CheckModel(model, new Shape(2, 2, 4, 4), "conv-batchnorm2d-tanh");
    }

    [Test]
    public void SequentialMlpMatchesFiniteDifferences()
    {
        var rng = new Rng(2);
        using var mlp = new Sequential(
            new Linear(6, 8, Activation.Relu, rng, dtype: DType.Float64),
            new Linear(8, 5, Activation.Tanh, rng, dtype: DType.Float64),
            new LeakyReLU(0.1),
            new Linear(5, 3, Activation.None, rng, dtype: DType.Float64),
            new Sigmoid());
        CheckModel(mlp, new Shape(4, 6), "mlp");
    }

    [Test]
    public void MlpWithGeluSiluAndSoftplusMatchesFiniteDifferences()
    {
        var rng = new Rng(21);
        using var mlp = new Sequential(
            new Linear(5, 6, Activation.None, rng, dtype: DType.Float64), new GELU(),
            new Linear(6, 6, Activation.None, rng, dtype: DType.Float64), new GELU(approximate: true),
            new Linear(6, 4, Activation.None, rng, dtype: DType.Float64), new SiLU(),
            new Linear(4, 3, Activation.None, rng, dtype: DType.Float64), new Softplus(beta: 2));
        CheckModel(mlp, new Shape(3, 5), "gelu-silu-softplus mlp");
    }

    [Test]
    public void CrossEntropyOfAnMlpMatchesFiniteDifferences()
    {
        var rng = new Rng(3);
        using var mlp = new Sequential(new Linear(4, 6, Activation.Relu, rng, dtype: DType.Float64), new Linear(6, 3, Activation.None, rng, dtype: DType.Float64));
        using var x = Tensor.RandN(new Shape(5, 4), rng: new Rng(4), dtype: DType.Float64);
        using var labels = Tensor.FromArray([0, 2, 1, 2, 0]);
        CheckParameters(mlp, () => Losses.CrossEntropy(mlp.Forward(x), labels), "cross-entropy mlp");
    }

    [Test]
    public void BinaryCrossEntropyWithLogitsMatchesFiniteDifferences()
    {
        using var layer = new Linear(3, 2, Activation.None, new Rng(5), dtype: DType.Float64);
        using var x = Tensor.RandN(new Shape(6, 3), std: 3, rng: new Rng(6), dtype: DType.Float64);
        using var y = Tensor.FromArray([0.0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0], new Shape(6, 2));
        CheckParameters(layer, () => Losses.BinaryCrossEntropyWithLogits(layer.Forward(x), y), "bce linear");
    }

    /// <summary>Pre-LayerNorm block with biases: layer norms, packed attention projection, fused attention (its backward op),
    /// GELU MLP and both residual paths.</summary>
    [Test]
    public void TransformerBlockMatchesFiniteDifferences()
    {
        using var block = new TransformerBlock(4, 2, bias: true, residualStd: 0.3, rng: new Rng(21), dtype: DType.Float64);
        CheckModel(block, new Shape(2, 3, 4), "transformer block");
    }

    /// <summary>The whole language model's loss: tied embedding/head weights get both paths' gradients, learned positions theirs.</summary>
    [TestCase(PositionalEncodingKind.Learned)]
    [TestCase(PositionalEncodingKind.Sinusoidal)]
    public void DecoderOnlyTransformerLossMatchesFiniteDifferences(PositionalEncodingKind positions)
    {
        using var model = new DecoderOnlyTransformer(new TransformerConfig(5, 4, Layers: 2, Heads: 2, Dim: 4, Positions: positions), new Rng(22), DType.Float64);
        using var ids = Tensor.FromArray(new[] { 0, 3, 1, 4, 2, 2 }, new Shape(2, 3));
        using var targets = Tensor.FromArray(new[] { 3, 1, 4, 2, 2, 0 });
        CheckParameters(model, () => model.Forward(ids).Reshape(6, 5).CrossEntropy(targets), $"decoder-only transformer, {positions} positions");
    }

    /// <summary>Checks every parameter and the input of <paramref name="model"/> on a random input of <paramref name="inputShape"/>.</summary>
    private static void CheckModel(Module model, Shape inputShape, string context)
    {
        using var x = Tensor.RandN(inputShape, rng: new Rng(11), dtype: DType.Float64);
        using var probe = WithoutGrad(() => model.Forward(x));
        using var weights = Tensor.RandN(probe.Shape, rng: new Rng(7), dtype: DType.Float64);
        x.RequiresGrad = true;
        CheckParameters(model, () => (model.Forward(x) * weights).Sum(), context, extra: new Parameter("input", x));
    }

    /// <summary>Autodiff gradients of the scalar <paramref name="loss"/> against central differences, element by element.</summary>
    private static void CheckParameters(Module model, Func<Tensor> loss, string context, Parameter? extra = null)
    {
        var targets = model.NamedParameters().Select(np => (np.Name, np.Parameter)).ToList();
        if (extra is not null) targets.Add((extra.Name, extra));
        model.ZeroGrad();
        extra?.ZeroGrad();
        using (new TensorScope()) loss().Backward();

        foreach (var (name, p) in targets)
        {
            Assert.That(p.Grad, Is.Not.Null, $"{context}: {name} received no gradient");
            var analytic = p.Grad!.ToDoubleArray();
            var values = p.Value.ToDoubleArray();
            var numeric = new double[values.Length];
            for (var j = 0; j < values.Length; j++)
            {
                var original = values[j];
                values[j] = original + Step;
                var plus = LossAt(p, values, loss);
                values[j] = original - Step;
                var minus = LossAt(p, values, loss);
                values[j] = original;
                numeric[j] = (plus - minus) / (2 * Step);
            }
            Write(p, values);
            Compare.Within(analytic, numeric, Tolerance, $"{context}: d/d({name})");
        }
    }

    private static double LossAt(Parameter p, double[] values, Func<Tensor> loss)
    {
        Write(p, values);
        using var scope = new TensorScope();
        using var noGrad = GradMode.NoGrad();
        return loss().Item();
    }

    private static void Write(Parameter p, double[] values)
    {
        using var source = Tensor.FromArray(values, p.Shape);
        source.CopyTo(p.Value);
    }

    private static Tensor WithoutGrad(Func<Tensor> f)
    {
        using var noGrad = GradMode.NoGrad();
        return f();
    }
}
