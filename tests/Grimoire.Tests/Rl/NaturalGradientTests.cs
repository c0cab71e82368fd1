using Grimoire.Autograd;
using Grimoire.Rl.PolicyGradient;
using Grimoire.Rl.Policies;

namespace Grimoire.Tests.Rl;

/// <summary>The natural-gradient machinery against an explicitly formed Fisher matrix on tiny policies: Fisher-vector
/// products by double backward equal F·v (categorical: E_a[∇log π ∇log πᵀ]; Gaussian: Jμᵀ diag(1/σ²) Jμ plus 2 on each
/// log σ), conjugate gradient solves the system, and the step is √(2δ / xᵀFx)·x with x = (F + λI)⁻¹g.</summary>
public sealed class NaturalGradientTests
{
    private const int States = 5;

    [Test]
    public void CategoricalFisherVectorProductIsTheExpectedOuterProductOfScores()
    {
        using var policy = new CategoricalPolicy(observationSize: 2, actions: 3, hidden: 4, layers: 1, new Rng(3));
        using var scope = new TensorScope();
        var observations = Tensor.RandN(new Shape(States, 2), rng: new Rng(4));
        var fisher = CategoricalFisher(policy, observations);
        var v = RandomVector(fisher.GetLength(0), 6);
        var old = Old(policy, observations);
        var product = NaturalGradient.FisherVectorProduct(policy, observations, old, v, damping: 0);
        Assert.That(product, Is.EqualTo(Multiply(fisher, v)).Within(1e-4 * Norm(product)));
        var damped = NaturalGradient.FisherVectorProduct(policy, observations, old, v, damping: 0.5);
        Assert.That(damped, Is.EqualTo(product.Zip(v, (p, x) => p + 0.5 * x).ToArray()).Within(1e-9 * Norm(product) + 1e-9));
    }

    [Test]
    public void GaussianFisherVectorProductIsTheAnalyticFisher()
    {
        using var policy = new GaussianPolicy(observationSize: 3, actionSize: 2, hidden: 4, layers: 1, initialLogStd: -0.3, new Rng(8));
        using var scope = new TensorScope();
        var observations = Tensor.RandN(new Shape(States, 3), rng: new Rng(9));
        var parameters = policy.Parameters();
        var n = parameters.Sum(p => p.Size);
        var fisher = new double[n, n];
        var variance = Math.Exp(-0.6);
        for (var s = 0; s < States; s++)
        {
            for (var d = 0; d < 2; d++)
            {
                var mean = ((GaussianDistribution)policy.Forward(observations.Slice(0, s, s + 1))).Mean;
                var row = Flat(parameters, Tensor.Gradients([mean.Slice(1, d, d + 1).Sum()], [.. parameters.Select(p => p.Value)]));
                AddOuter(fisher, row, row, 1 / variance / States);
            }
        }
        var logStd = parameters.TakeWhile(p => p != policy.LogStd).Sum(p => p.Size);
        for (var d = 0; d < 2; d++) fisher[logStd + d, logStd + d] += 2;
        var v = RandomVector(n, 10);
        var product = NaturalGradient.FisherVectorProduct(policy, observations, Old(policy, observations), v, damping: 0);
        Assert.That(product, Is.EqualTo(Multiply(fisher, v)).Within(1e-4 * Norm(product)));
    }

    [Test]
    public void StepIsTheScaledSolutionOfTheDampedFisherSystem()
    {
        using var policy = new CategoricalPolicy(observationSize: 2, actions: 3, hidden: 4, layers: 1, new Rng(11));
        using var scope = new TensorScope();
        var observations = Tensor.RandN(new Shape(States, 2), rng: new Rng(12));
        var actions = Tensor.FromArray(new[] { 0, 2, 1, 1, 0 });
        var advantages = Tensor.FromArray(new float[] { 1.0f, -0.5f, 2.0f, -1.5f, 0.3f });
        const double maxKl = 0.01, damping = 0.1;
        var parameters = policy.Parameters();
        var n = parameters.Sum(p => p.Size);
        var step = NaturalGradient.Step(policy, observations, actions, advantages, maxKl, damping, iterations: 2 * n);

        var gradient = new double[n]; // mean over states of ∇log π(aₛ|s)·Aₛ, one state at a time
        var a = actions.ToArray<int>();
        var adv = advantages.ToArray<float>();
        for (var s = 0; s < States; s++)
        {
            var score = Score(policy, observations.Slice(0, s, s + 1), a[s]);
            for (var i = 0; i < n; i++) gradient[i] += score[i] * adv[s] / States;
        }
        Assert.That(step.Gradient, Is.EqualTo(gradient).Within(1e-5 * Norm(gradient)));

        var system = CategoricalFisher(policy, observations);
        for (var i = 0; i < n; i++) system[i, i] += damping;
        var x = Solve(system, gradient);
        var scale = Math.Sqrt(2 * maxKl / Dot(x, Multiply(system, x)));
        var expected = x.Select(e => e * scale).ToArray();
        Assert.That(step.Step, Is.EqualTo(expected).Within(1e-3 * Norm(expected)));
        Assert.That(0.5 * Dot(step.Step, Multiply(system, step.Step)), Is.EqualTo(maxKl).Within(1e-3 * maxKl), "the quadratic model of the KL sits on the trust region's edge");
        Assert.That(step.ExpectedImprovement, Is.EqualTo(Dot(gradient, step.Step)).Within(1e-4 * Math.Abs(step.ExpectedImprovement)));
    }

    [Test]
    public void ConjugateGradientSolvesASymmetricPositiveDefiniteSystemInNIterations()
    {
        double[,] a = { { 4, 1, 0.5 }, { 1, 3, 0.2 }, { 0.5, 0.2, 2 } };
        double[] b = [1, -2, 3];
        var x = ConjugateGradient.Solve(v => Multiply(a, v), b, iterations: 3, tolerance: 0);
        Assert.That(x, Is.EqualTo(Solve(a, b)).Within(1e-12));
        Assert.That(() => ConjugateGradient.Solve(v => v, b, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void BadTrustRegionsAreRefused()
    {
        using var policy = new CategoricalPolicy(2, 2, 4, 1, new Rng(1));
        using var scope = new TensorScope();
        var x = Tensor.Zeros(new Shape(2, 2));
        var actions = Tensor.FromArray(new[] { 0, 1 });
        var advantages = Tensor.Ones(new Shape(2));
        Assert.That(() => NaturalGradient.Step(policy, x, actions, advantages, 0, 0.1, 5), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("KL"));
        Assert.That(() => NaturalGradient.Step(policy, x, actions, advantages, 0.01, -1, 5), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contain("damping"));
    }

    /// <summary>F = (1/S) Σₛ Σₐ π(a|s) ∇log π(a|s) ∇log π(a|s)ᵀ, each score by its own backward pass.</summary>
    private static double[,] CategoricalFisher(CategoricalPolicy policy, Tensor observations)
    {
        var n = policy.Parameters().Sum(p => p.Size);
        var fisher = new double[n, n];
        for (var s = 0; s < States; s++)
        {
            var row = observations.Slice(0, s, s + 1);
            double[] probabilities;
            using (GradMode.NoGrad()) probabilities = ((CategoricalDistribution)policy.Forward(row)).Logits.Softmax().ToArray<float>().Select(p => (double)p).ToArray();
            for (var a = 0; a < policy.Actions; a++)
            {
                var score = Score(policy, row, a);
                AddOuter(fisher, score, score, probabilities[a] / States);
            }
        }
        return fisher;
    }

    private static double[] Score(PolicyNetwork policy, Tensor observation, int action)
    {
        var parameters = policy.Parameters();
        var logProb = policy.Forward(observation).LogProb(Tensor.FromArray(new[] { action })).Sum();
        return Flat(parameters, Tensor.Gradients([logProb], [.. parameters.Select(p => p.Value)]));
    }

    private static ActionDistribution Old(PolicyNetwork policy, Tensor observations)
    {
        using var noGrad = GradMode.NoGrad();
        return policy.Forward(observations).Detach();
    }

    private static double[] Flat(IReadOnlyList<Grimoire.Nn.Parameter> parameters, Tensor?[] gradients) => ParameterVector.Flatten(parameters, gradients);

    private static void AddOuter(double[,] m, double[] a, double[] b, double weight)
    {
        for (var i = 0; i < a.Length; i++)
            for (var j = 0; j < b.Length; j++) m[i, j] += weight * a[i] * b[j];
    }

    private static double[] Multiply(double[,] m, double[] v) =>
        [.. Enumerable.Range(0, v.Length).Select(i => Enumerable.Range(0, v.Length).Sum(j => m[i, j] * v[j]))];

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static double Norm(double[] v) => Math.Sqrt(Dot(v, v));

    private static double[] RandomVector(int n, ulong seed)
    {
        var rng = new Rng(seed);
        return [.. Enumerable.Range(0, n).Select(_ => rng.NextNormal())];
    }

    /// <summary>Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] matrix, double[] rhs)
    {
        var n = rhs.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])rhs.Clone();
        for (var c = 0; c < n; c++)
        {
            var pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(a[r, c]));
            for (var k = 0; k < n; k++) (a[c, k], a[pivot, k]) = (a[pivot, k], a[c, k]);
            (b[c], b[pivot]) = (b[pivot], b[c]);
            for (var r = c + 1; r < n; r++)
            {
                var f = a[r, c] / a[c, c];
                for (var k = c; k < n; k++) a[r, k] -= f * a[c, k];
                b[r] -= f * b[c];
            }
        }
        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = b[r];
            for (var k = r + 1; k < n; k++) sum -= a[r, k] * x[k];
            x[r] = sum / a[r, r];
        }
        return x;
    }
}
