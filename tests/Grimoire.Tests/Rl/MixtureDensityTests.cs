using Grimoire.Rl.Imitation;

namespace Grimoire.Tests.Rl;

/// <summary>The mixture-density policy's objective (book §22.2): its log-likelihood against the density written out
/// term by term, and its gradient, in the distribution's parameters and in the network's weights, against central
/// finite differences in float64.</summary>
public sealed class MixtureDensityTests
{
    private const int N = 3, K = 3, D = 2;
    private const double Step = 1e-6;

    [Test]
    public void LogLikelihoodIsTheLogOfTheMixtureDensity()
    {
        using var scope = new TensorScope();
        var (logits, means, logStd, actions) = Inputs(seed: 1);
        var got = MixtureOfGaussians.LogLikelihood(T(logits, N, K), T(means, N, K, D), T(logStd, N, K, D), T(actions, N, D)).ToDoubleArray();
        for (var i = 0; i < N; i++) Assert.That(got[i], Is.EqualTo(Direct(logits, means, logStd, actions, i)).Within(1e-12), $"row {i}");
    }

    [Test]
    public void LogLikelihoodStaysFiniteWhenEveryDensityUnderflows()
    {
        using var scope = new TensorScope();
        var actions = Tensor.FromArray(new[] { 60.0, -60.0 }, new Shape(1, 2));
        var value = MixtureOfGaussians.LogLikelihood(Tensor.Zeros(new Shape(1, 2), DType.Float64), Tensor.Zeros(new Shape(1, 2, 2), DType.Float64),
            Tensor.Full(new Shape(1, 2, 2), -2, DType.Float64), actions).Item();
        // Each component: Σ_j [−(60 e²)²/2 + 2 − ½ log 2π]; the mixing weights ½ + ½ add nothing.
        var expected = 2 * (-(60 * 60 * Math.Exp(4)) / 2 + 2 - Tensor.HalfLogTwoPi);
        Assert.That(value, Is.EqualTo(expected).Within(1e-9 * Math.Abs(expected)), "a density of e^-100000 underflows in linear space, not in log space");
    }

    [Test]
    public void OneComponentIsTheGaussianLogLikelihood()
    {
        using var scope = new TensorScope();
        var (_, means, logStd, actions) = Inputs(seed: 2);
        var mixture = MixtureOfGaussians.LogLikelihood(Tensor.Zeros(new Shape(N, 1), DType.Float64), T(means[..(N * D)], N, 1, D), T(logStd[..(N * D)], N, 1, D), T(actions, N, D));
        var gaussian = MixtureOfGaussians.GaussianLogLikelihood(T(means[..(N * D)], N, D), T(logStd[..(N * D)], N, D), T(actions, N, D));
        Assert.That(mixture.ToDoubleArray(), Is.EqualTo(gaussian.ToDoubleArray()).Within(1e-12));
    }

    [Test]
    public void GradientMatchesFiniteDifferences()
    {
        var inputs = Inputs(seed: 3);
        var arrays = new[] { inputs.Logits, inputs.Means, inputs.LogStd };
        var weights = new[] { 0.7, -1.3, 0.4 };
        double Objective(double[][] a)
        {
            using var scope = new TensorScope();
            return (MixtureOfGaussians.LogLikelihood(T(a[0], N, K), T(a[1], N, K, D), T(a[2], N, K, D), T(inputs.Actions, N, D)) * Tensor.FromArray(weights)).Sum().Item();
        }
        using var scope = new TensorScope();
        var leaves = new[] { T(arrays[0], N, K), T(arrays[1], N, K, D), T(arrays[2], N, K, D) };
        foreach (var leaf in leaves) leaf.RequiresGrad = true;
        (MixtureOfGaussians.LogLikelihood(leaves[0], leaves[1], leaves[2], T(inputs.Actions, N, D)) * Tensor.FromArray(weights)).Sum().Backward();
        string[] names = ["logits", "means", "log std"];
        for (var p = 0; p < 3; p++)
        {
            var analytic = leaves[p].Grad!.ToDoubleArray();
            for (var j = 0; j < arrays[p].Length; j++)
            {
                var numeric = Central(arrays, p, j, Objective);
                Assert.That(analytic[j], Is.EqualTo(numeric).Within(1e-6 + 1e-5 * Math.Abs(numeric)), $"d/d {names[p]}[{j}]");
            }
        }
    }

    [Test]
    public void PolicyWeightGradientMatchesFiniteDifferences()
    {
        using var policy = new MixtureDensityPolicy(observationSize: 2, actionSize: D, components: 2, hidden: 4, new Rng(5), DType.Float64);
        var observations = new[] { 0.3, -1.0, -0.2, 0.5, 0.05, 0.9 };
        var actions = new[] { 0.6, 0.8, -0.6, 0.8, 0.1, -0.2 };
        double Objective()
        {
            using var scope = new TensorScope();
            return policy.LogLikelihood(T(observations, 3, 2), T(actions, 3, D)).Sum().Item();
        }
        using (new TensorScope()) policy.LogLikelihood(T(observations, 3, 2), T(actions, 3, D)).Sum().Backward();
        foreach (var (name, parameter) in policy.NamedParameters())
        {
            var analytic = parameter.Grad!.ToDoubleArray();
            var values = parameter.Value.ToDoubleArray();
            for (var j = 0; j < values.Length; j++)
            {
                var saved = values[j];
                values[j] = saved + Step;
                Set(parameter, values);
                var up = Objective();
                values[j] = saved - Step;
                Set(parameter, values);
                var down = Objective();
                values[j] = saved;
                Set(parameter, values);
                var numeric = (up - down) / (2 * Step);
                Assert.That(analytic[j], Is.EqualTo(numeric).Within(1e-6 + 1e-5 * Math.Abs(numeric)), $"d/d {name}[{j}]");
            }
        }
    }

    [Test]
    public void MismatchedShapesAreRefused()
    {
        using var scope = new TensorScope();
        var (logits, means, logStd, actions) = Inputs(seed: 4);
        Assert.Throws<ShapeException>(() => MixtureOfGaussians.LogLikelihood(T(logits, N, K), T(means, N, K, D), T(logStd, N, K, D), T(actions[..N], N, 1)));
        Assert.Throws<ShapeException>(() => MixtureOfGaussians.LogLikelihood(T(logits[..(N * 2)], N, 2), T(means, N, K, D), T(logStd, N, K, D), T(actions, N, D)));
        Assert.Throws<ShapeException>(() => MixtureOfGaussians.GaussianLogLikelihood(T(means[..(N * D)], N, D), T(logStd[..N], N, 1), T(actions, N, D)));
    }

    [Test]
    public void APolicyNeedsAComponent() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MixtureDensityPolicy(2, 2, components: 0, hidden: 4, new Rng(0)));

    /// <summary>log Σ_k w_k Π_j N(a_j; μ_kj, σ_kj) for row i, with plain doubles.</summary>
    private static double Direct(double[] logits, double[] means, double[] logStd, double[] actions, int i)
    {
        var z = Enumerable.Range(0, K).Sum(k => Math.Exp(logits[i * K + k]));
        var density = 0.0;
        for (var k = 0; k < K; k++)
        {
            var component = Math.Exp(logits[i * K + k]) / z;
            for (var j = 0; j < D; j++)
            {
                var at = (i * K + k) * D + j;
                var sigma = Math.Exp(logStd[at]);
                var u = (actions[i * D + j] - means[at]) / sigma;
                component *= Math.Exp(-0.5 * u * u) / (sigma * Math.Sqrt(2 * Math.PI));
            }
            density += component;
        }
        return Math.Log(density);
    }

    private static (double[] Logits, double[] Means, double[] LogStd, double[] Actions) Inputs(int seed)
    {
        var rng = new Rng((ulong)seed);
        double[] Draw(int n, double scale) => [.. Enumerable.Range(0, n).Select(_ => rng.NextNormal() * scale)];
        return (Draw(N * K, 1), Draw(N * K * D, 1), Draw(N * K * D, 0.4), Draw(N * D, 1));
    }

    private static double Central(double[][] arrays, int p, int j, Func<double[][], double> objective)
    {
        var saved = arrays[p][j];
        arrays[p][j] = saved + Step;
        var up = objective(arrays);
        arrays[p][j] = saved - Step;
        var down = objective(arrays);
        arrays[p][j] = saved;
        return (up - down) / (2 * Step);
    }

    private static void Set(Grimoire.Nn.Parameter parameter, double[] values)
    {
        using var noGrad = Grimoire.Autograd.GradMode.NoGrad();
        using var t = Tensor.FromArray(values, parameter.Shape);
        t.CopyTo(parameter.Value);
    }

    private static Tensor T(double[] values, params int[] shape) => Tensor.FromArray(values, new Shape(shape));
}
