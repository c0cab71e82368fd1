using FsCheck;
using FsCheck.Fluent;
using Grimoire.Kernels;
using Grimoire.Text.Embeddings;

namespace Grimoire.Tests.Text.Embeddings;

/// <summary>The hand-written updates against finite differences of their losses in float64: a negative-sampling step
/// moves every vector by −lr·∇ of the SGNS loss, a fresh GloVe AdaGrad step by −lr·∇ of the weighted squared error;
/// and the SIMD dot and scaled add against a float64 reference on every instruction set this machine runs.</summary>
public sealed unsafe class EmbeddingGradientTests
{
    private const double Step = 1e-6;

    private static readonly Gen<(int Dim, int Seed)> Shapes = Gen.Choose(1, 40).SelectMany(d => Gen.Choose(0, 1_000_000).Select(s => (d, s)));

    private static double[] RandomVector(Rng rng, int n, double scale) => [.. Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2 - 1) * scale)];

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static double LogSigmoid(double x) => -Math.Log(1 + Math.Exp(-x));

    /// <summary>−log σ(u_t·h) − Σ_k log σ(−u_k·h): the loss of one input vector against its target and noise words.</summary>
    private static double SgnsLoss(double[] hidden, double[][] outputs, int target, int[] negatives) =>
        -LogSigmoid(Dot(outputs[target], hidden)) - negatives.Sum(k => LogSigmoid(-Dot(outputs[k], hidden)));

    private static double[] Gradient(double[] at, Func<double[], double> loss) => [.. Enumerable.Range(0, at.Length).Select(i =>
    {
        var (plus, minus) = ((double[])at.Clone(), (double[])at.Clone());
        plus[i] += Step;
        minus[i] -= Step;
        return (loss(plus) - loss(minus)) / (2 * Step);
    })];

    private static void AssertClose(IEnumerable<double> actual, IEnumerable<double> expected, string what) =>
        Assert.That(actual, Is.EqualTo(expected).Within(1e-3).Percent.Or.EqualTo(expected).Within(2e-5), what);

    [Test]
    public void NegativeSamplingStepsDownTheSgnsLossGradient()
    {
        var property = Prop.ForAll(Arb.From(Shapes), shape =>
        {
            var (dim, vocabulary, lr) = (shape.Dim, 5, 0.5f);
            var rng = new Rng((ulong)shape.Seed);
            // Rounded through float first, so the float64 loss sees exactly the float step's starting point.
            var hidden = RandomVector(rng, dim, 1).Select(v => (double)(float)v).ToArray();
            var outputs = Enumerable.Range(0, vocabulary).Select(_ => RandomVector(rng, dim, 1).Select(v => (double)(float)v).ToArray()).ToArray();
            var (target, negatives) = (1, new[] { 3, 0, 4 });

            var h = hidden.Select(v => (float)v).ToArray();
            var u = outputs.SelectMany(r => r.Select(v => (float)v)).ToArray();
            var gradient = new float[dim];
            fixed (float* ph = h, pu = u, pg = gradient)
                NegativeSampling.Step(ph, pu, dim, target, negatives, lr, pg);

            AssertClose(gradient.Select(g => -g / (double)lr), Gradient(hidden, x => SgnsLoss(x, outputs, target, negatives)), "input gradient");
            for (var row = 0; row < vocabulary; row++)
            {
                var moved = Enumerable.Range(0, dim).Select(i => -(u[row * dim + i] - outputs[row][i]) / lr);
                var r = row;
                AssertClose(moved, Gradient(outputs[row], x => SgnsLoss(hidden, [.. outputs.Select((o, j) => j == r ? x : o)], target, negatives)), $"output row {row}");
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40).WithQuietOnSuccess(true), property);
    }

    [Test]
    public void ANegativeEqualToTheTargetIsSkipped()
    {
        float[] h = [1, 2], u = [0.5f, -0.5f, 0.25f, 0.25f], g1 = new float[2], g2 = new float[2];
        var u2 = (float[])u.Clone();
        fixed (float* ph = h, pu = u, pu2 = u2, p1 = g1, p2 = g2)
        {
            NegativeSampling.Step(ph, pu, 2, 0, [0, 1], 0.1f, p1);
            NegativeSampling.Step(ph, pu2, 2, 0, [1], 0.1f, p2);
        }
        Assert.That(g1, Is.EqualTo(g2));
        Assert.That(u, Is.EqualTo(u2));
    }

    /// <summary>½·f(x)·(w·c + b_w + b_c − log x)², f(x) = min(1, (x/x_max)^α); w and c carry their bias last.</summary>
    private static double GloveLoss(double[] w, double[] c, double x, double xMax, double alpha)
    {
        var dim = w.Length - 1;
        var diff = Dot(w[..dim], c[..dim]) + w[dim] + c[dim] - Math.Log(x);
        return 0.5 * Math.Min(1, Math.Pow(x / xMax, alpha)) * diff * diff;
    }

    [TestCase(3.0)]
    [TestCase(25.0)]
    public void AFreshGloveStepIsMinusLrTimesTheGradient(double x)
    {
        var property = Prop.ForAll(Arb.From(Shapes), shape =>
        {
            var (dim, lr, xMax, alpha) = (shape.Dim, 0.25f, 10f, 0.75f);
            var rng = new Rng((ulong)shape.Seed);
            var w0 = RandomVector(rng, dim + 1, 1).Select(v => (double)(float)v).ToArray();
            var c0 = RandomVector(rng, dim + 1, 1).Select(v => (double)(float)v).ToArray();
            var (w, c) = (w0.Select(v => (float)v).ToArray(), c0.Select(v => (float)v).ToArray());
            var (gw, gc) = (Enumerable.Repeat(1f, dim + 1).ToArray(), Enumerable.Repeat(1f, dim + 1).ToArray());
            float loss;
            fixed (float* pw = w, pc = c, pgw = gw, pgc = gc)
                loss = Glove.Step(pw, pc, pgw, pgc, dim, (float)x, xMax, alpha, lr);

            Assert.That(loss, Is.EqualTo(GloveLoss(w0, c0, x, xMax, alpha)).Within(1e-3).Percent.Or.EqualTo(GloveLoss(w0, c0, x, xMax, alpha)).Within(1e-6));
            var gradW = Gradient(w0, v => GloveLoss(v, c0, x, xMax, alpha));
            var gradC = Gradient(c0, v => GloveLoss(w0, v, x, xMax, alpha));
            AssertClose(w.Select((v, i) => -(v - w0[i]) / lr), gradW, "word row and bias");
            AssertClose(c.Select((v, i) => -(v - c0[i]) / lr), gradC, "context row and bias");
            // AdaGrad's sums grew by the squared learning-rate-scaled gradients (glove.c's accumulation).
            AssertClose(gw.Select(v => (double)v), gradW.Select(g => 1 + lr * lr * g * g), "word square sums");
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40).WithQuietOnSuccess(true), property);
    }

    [Test]
    public void SimdDotAndScaledAddMatchAFloat64Reference()
    {
        var isas = new[] { Isa.None, Isa.Avx2, Isa.Avx512 }.Where(IsaSupport.IsSupported).ToArray();
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, 70).SelectMany(n => Gen.Choose(0, 1_000_000).Select(s => (n, s)))), shape =>
        {
            var rng = new Rng((ulong)shape.s);
            var a = RandomVector(rng, shape.n, 2).Select(v => (float)v).ToArray();
            var b = RandomVector(rng, shape.n, 2).Select(v => (float)v).ToArray();
            var expectedDot = a.Zip(b, (x, y) => (double)x * y).Sum();
            var expectedAdd = a.Zip(b, (y, x) => y + 0.75 * x).ToArray();
            foreach (var isa in isas)
            {
                Assert.That(VectorMath.Dot(a, b, isa), Is.EqualTo(expectedDot).Within(1e-4 * (1 + shape.n)), $"dot on {isa}");
                var y = (float[])a.Clone();
                VectorMath.AddScaled(y, 0.75f, b, isa);
                Assert.That(y.Select(v => (double)v), Is.EqualTo(expectedAdd).Within(1e-5), $"scaled add on {isa}");
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100).WithQuietOnSuccess(true), property);
    }
}
