using FsCheck;
using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gradients;

/// <summary>Gradients of gradients: for L = Σ f(x)·w, the Hessian-vector product from a double backward pass
/// (createGraph, then the gradient of Σ ∇L·v) must match the central finite difference of the gradient along v,
/// (∇L(x + hv) − ∇L(x − hv)) / 2h, in float64, for every gradient case whose rule is itself differentiable.</summary>
[TestFixture]
public sealed class SecondOrderTests
{
    private const double Step = 1e-5;
    private const int CasesPerOp = 6;

    // Max pooling's gradient op has no gradient of its own; a second derivative through it is refused (tested below). The
    // whole-sequence recurrences run BPTT with fused kernels in their rules and refuse one too (RecurrentLayerTests).
    private static readonly string[] NotTwiceDifferentiable = ["max_pool2d", "lstm_sequence", "gru_sequence", "rnn_sequence"];

    public static IEnumerable<TestCaseData> Ops() =>
        GradCases.ByName.Keys.Except(NotTwiceDifferentiable).Select(k => new TestCaseData(k).SetName($"Second order {k}"));

    [TestCaseSource(nameof(Ops))]
    public void HessianVectorProductsMatchFiniteDifferencesOfGradients(string name)
    {
        var property = Prop.ForAll(Arb.From(GradCases.ByName[name]), Check);
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(CasesPerOp).WithQuietOnSuccess(true), property);
    }

    [Test]
    public void ASecondDerivativeThroughMaxPoolingIsRefused()
    {
        using var scope = new TensorScope();
        var x = Tensor.RandN(new Shape(1, 1, 4, 4), rng: new Rng(1), dtype: DType.Float64);
        x.RequiresGrad = true;
        var g = Tensor.Gradients([x.MaxPool2d(2).Sum()], [x], createGraph: true)[0]!;
        var e = Assert.Throws<AutogradException>(() => Tensor.Gradients([(g * g).Sum()], [x]));
        Assert.That(e!.Message, Does.Contain("max_pool2d"));
    }

    private static void Check(GradCase c)
    {
        var inputs = Enumerable.Range(0, c.Inputs.Length).Where(c.IsDifferentiable).ToArray();
        var rng = new Rng(11);
        var directions = inputs.ToDictionary(i => i, i => Enumerable.Range(0, c.Inputs[i].Shape.Size).Select(_ => rng.NextDouble() * 2 - 1).ToArray());
        var analytic = HessianVectorProduct(c, inputs, directions);
        var plus = Gradient(c, inputs, directions, Step);
        var minus = Gradient(c, inputs, directions, -Step);
        foreach (var i in inputs)
        {
            var numeric = plus[i].Select((p, j) => (p - minus[i][j]) / (2 * Step)).ToArray();
            Compare.Within(analytic[i], numeric, new Conformance.Tolerances.Tolerance(1e-6, 1e-5), $"H·v for input {i} of {c}");
        }
    }

    /// <summary>H·v per differentiable input, by differentiating Σᵢ ∇ᵢL·vᵢ, itself recorded by the first pass.</summary>
    private static Dictionary<int, double[]> HessianVectorProduct(GradCase c, int[] inputs, Dictionary<int, double[]> directions)
    {
        using var scope = new TensorScope();
        var built = c.Inputs.Select((s, i) => s.Build(requiresGrad: inputs.Contains(i))).ToArray();
        var wanted = inputs.Select(i => built[i]).ToArray();
        var gradients = Tensor.Gradients([Loss(c, built)], wanted, createGraph: true);
        var dot = inputs.Select((i, k) => gradients[k] is { } g ? (g * Direction(c, i, directions)).Sum() : null).OfType<Tensor>().Aggregate((Tensor?)null, (sum, d) => sum is null ? d : sum + d);
        // A gradient that does not depend on the inputs (a linear function) has a zero Hessian.
        var products = dot is { RequiresGrad: true } ? Tensor.Gradients([dot], wanted) : new Tensor?[wanted.Length];
        return inputs.Select((i, k) => (i, products[k]?.ToDoubleArray() ?? new double[c.Inputs[i].Shape.Size])).ToDictionary(p => p.i, p => p.Item2);
    }

    /// <summary>∇L per differentiable input at the inputs moved by <paramref name="step"/> along their directions.</summary>
    private static Dictionary<int, double[]> Gradient(GradCase c, int[] inputs, Dictionary<int, double[]> directions, double step)
    {
        using var scope = new TensorScope();
        var built = c.Inputs.Select((s, i) => inputs.Contains(i)
            ? s.WithValues([.. s.Values.Select((v, j) => v + step * directions[i][j])]).Build(requiresGrad: true)
            : s.Build()).ToArray();
        var wanted = inputs.Select(i => built[i]).ToArray();
        var gradients = Tensor.Gradients([Loss(c, built)], wanted);
        return inputs.Select((i, k) => (i, gradients[k]?.ToDoubleArray() ?? new double[c.Inputs[i].Shape.Size])).ToDictionary(p => p.i, p => p.Item2);
    }

    private static Tensor Loss(GradCase c, Tensor[] inputs)
    {
        var output = c.F(inputs);
        return (output * Tensor.RandN(output.Shape, rng: new Rng(7), dtype: DType.Float64)).Sum();
    }

    private static Tensor Direction(GradCase c, int input, Dictionary<int, double[]> directions) =>
        Tensor.FromArray(directions[input], c.Inputs[input].Shape);
}
