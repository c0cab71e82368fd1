using Grimoire.Autograd;
using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Tests.Nn;

/// <summary>Parameter naming and counting, modes, initialisation ranges and the shape-only layers.</summary>
[TestFixture]
public sealed class ModuleTests
{
    [Test]
    public void SequentialNamesParametersByPositionAndCountsThem()
    {
        var rng = new Rng(0);
        using var mlp = new Sequential(new Linear(64, 128, Activation.Relu, rng), new Dropout(0.5, rng), new Linear(128, 10, rng: rng, bias: false));
        Assert.That(mlp.NamedParameters().Select(np => np.Name), Is.EqualTo(new[] { "0.weight", "0.bias", "2.weight" }));
        Assert.That(mlp.ParameterCount, Is.EqualTo(64 * 128 + 128 + 128 * 10));
        Assert.That(mlp.Parameters().All(p => p.Value.RequiresGrad), Is.True);
    }

    [Test]
    public void NestedModulesPrefixTheirChildren()
    {
        using var inner = new Sequential(new Linear(2, 3), new Tanh());
        using var outer = new Sequential(new Flatten(), inner);
        Assert.That(outer.NamedParameters().Select(np => np.Name), Is.EqualTo(new[] { "1.0.weight", "1.0.bias" }));
    }

    [Test]
    public void EvalAndTrainReachEveryChild()
    {
        var dropout = new Dropout(0.3, new Rng(0));
        using var model = new Sequential(new Sequential(dropout));
        model.Eval();
        Assert.That(dropout.Training, Is.False);
        model.Train();
        Assert.That(dropout.Training, Is.True);
    }

    [TestCase(Activation.Relu, 0.25)]
    [TestCase(Activation.Tanh, 0.2)]
    public void InitialWeightsStayInsideTheirBound(Activation activation, double bound)
    {
        // He: √(6/96) = 0.25; Glorot: √(6/(96+54)) = 0.2
        using var layer = new Linear(96, 54, activation, new Rng(1));
        var w = layer.Weight.Value.ToDoubleArray();
        Assert.That(w.Max(Math.Abs), Is.LessThanOrEqualTo(bound + 1e-7).And.GreaterThan(0.9 * bound));
        Assert.That(layer.Bias!.Value.ToDoubleArray(), Is.All.Zero);
    }

    [Test]
    public void LinearIsTheFusedDenseLayer()
    {
        using var layer = new Linear(3, 2, Activation.Sigmoid, new Rng(4));
        using var x = Tensor.RandN(new Shape(5, 3), rng: new Rng(5));
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var expected = (x.MatMul(layer.Weight.Value) + layer.Bias!.Value).Sigmoid().ToArray<float>();
        Assert.That(layer.Forward(x).ToArray<float>(), Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void FlattenKeepsTheBatchAxis()
    {
        using var x = Tensor.Zeros(new Shape(4, 2, 3, 5));
        using var y = new Flatten().Forward(x);
        Assert.That(y.Shape, Is.EqualTo(new Shape(4, 30)));
    }

    [Test]
    public void DropoutIsTheIdentityInEvaluation()
    {
        using var dropout = new Dropout(0.5, new Rng(0));
        using var x = Tensor.RandN(new Shape(10, 10), rng: new Rng(1));
        dropout.Eval();
        Assert.That(dropout.Forward(x), Is.SameAs(x));
    }

    [Test]
    public void DropoutZeroesAboutPAndScalesTheRestInTraining()
    {
        using var dropout = new Dropout(0.25, new Rng(3));
        using var x = Tensor.Ones(new Shape(100, 100));
        using var y = dropout.Forward(x);
        var values = y.ToArray<float>();
        Assert.That(values, Is.All.EqualTo(0f).Or.EqualTo(1 / 0.75f).Within(1e-6));
        Assert.That(values.Count(v => v == 0) / 10000.0, Is.EqualTo(0.25).Within(0.02));
        Assert.That(values.Average(), Is.EqualTo(1).Within(0.03), "inverted dropout keeps the expected activation");
    }

    [Test]
    public void BinaryCrossEntropyIsFiniteForExtremeLogits()
    {
        using var z = Tensor.FromArray([-1000.0, 1000, 0.5]);
        using var y = Tensor.FromArray([0.0, 1, 1]);
        using var loss = Losses.BinaryCrossEntropyWithLogits(z, y);
        var expected = Math.Log(1 + Math.Exp(-0.5)) / 3;
        Assert.That(loss.Item(), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void BadLayerArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(0, 3));
        Assert.Throws<DTypeException>(() => new Linear(2, 3, dtype: DType.Int32));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1, new Rng(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyReLU(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Softplus(beta: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Softplus(threshold: double.NaN));
        Assert.Throws<ArgumentException>(() => new Sequential());
        using var layer = new Linear(3, 2);
        using var x = Tensor.Zeros(new Shape(4, 5));
        Assert.Throws<ShapeException>(() => layer.Forward(x));
    }
}
