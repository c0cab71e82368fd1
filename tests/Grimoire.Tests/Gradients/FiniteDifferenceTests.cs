using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gradients;

/// <summary>Every gradient rule against central finite differences in float64: for L = Σ f(x)·w with random
/// weights w, the autodiff gradient of each input element must match (L(x+h) − L(x−h)) / 2h.</summary>
[TestFixture]
public sealed class FiniteDifferenceTests
{
    private const double Step = 1e-6;
    private const int CasesPerOp = 15;

    public static IEnumerable<TestCaseData> Ops() => GradCases.ByName.Keys.Select(k => new TestCaseData(k).SetName($"Gradient {k}"));

    [TestCaseSource(nameof(Ops))]
    public void MatchesFiniteDifferences(string name)
    {
        var property = Prop.ForAll(Arb.From(GradCases.ByName[name]), Check);
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(CasesPerOp).WithQuietOnSuccess(true), property);
    }

    /// <summary>The list comes from the op definitions (<see cref="OpNames.Differentiable"/>), so a new op with a rule
    /// fails here until it has a check. Cast is the exception: a float32 round trip swamps any finite difference in
    /// rounding, so <see cref="CastPassesTheGradientBackInTheSourceType"/> checks its rule exactly instead.</summary>
    [Test]
    public void EveryDifferentiableOpHasAGradientCheck() =>
        Assert.That(OpNames.Differentiable.Except([OpNames.Cast]), Is.SubsetOf(GradCases.ByName.Keys));

    [Test]
    public void CastPassesTheGradientBackInTheSourceType()
    {
        using var scope = new TensorScope();
        var x = Tensor.FromArray(new[] { 0.1, -2.5, 3e10 });
        x.RequiresGrad = true;
        var seed = Tensor.FromArray(new[] { 1.5f, -0.25f, 2f });
        x.To(DType.Float32).Backward(seed);
        Assert.That(x.Grad!.DType, Is.EqualTo(DType.Float64));
        Assert.That(x.Grad.ToDoubleArray(), Is.EqualTo(new[] { 1.5, -0.25, 2.0 }));
    }

    private static void Check(GradCase c)
    {
        using var scope = new TensorScope();
        var inputs = c.Inputs.Select((s, i) => s.Build(requiresGrad: c.IsDifferentiable(i))).ToArray();
        var output = c.F(inputs);
        var weights = Tensor.RandN(output.Shape, rng: new Rng(7), dtype: DType.Float64);
        (output * weights).Sum().Backward();

        for (var i = 0; i < inputs.Length; i++)
        {
            if (!c.IsDifferentiable(i)) continue;
            Assert.That(inputs[i].Grad, Is.Not.Null, $"{c}: input {i} received no gradient");
            var analytic = inputs[i].Grad!.ToDoubleArray();
            var numeric = new double[analytic.Length];
            for (var j = 0; j < numeric.Length; j++)
                numeric[j] = (Loss(c, weights, i, j, +Step) - Loss(c, weights, i, j, -Step)) / (2 * Step);
            Compare.Within(analytic, numeric, new Conformance.Tolerances.Tolerance(1e-6, 1e-5), $"d/d(input {i}) of {c}");
        }
    }

    /// <summary>Σ f(x)·w with element <paramref name="element"/> of input <paramref name="input"/> shifted by <paramref name="delta"/>.</summary>
    private static double Loss(GradCase c, Tensor weights, int input, int element, double delta)
    {
        using var scope = new TensorScope();
        using var noGrad = Autograd.GradMode.NoGrad();
        var inputs = c.Inputs.Select((s, i) =>
        {
            if (i != input) return s.Build();
            var values = (double[])s.Values.Clone();
            values[element] += delta;
            return s.WithValues(values).Build();
        }).ToArray();
        return (c.F(inputs) * weights).Sum().Item();
    }
}
