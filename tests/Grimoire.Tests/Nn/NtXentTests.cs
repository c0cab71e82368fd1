using Grimoire.Nn.Contrastive;
using Grimoire.Tests.Cli;

namespace Grimoire.Tests.Nn;

/// <summary>NT-Xent against a direct computation of its definition, its gradient against finite differences in
/// float64, its argument checks, and the ssl-contrastive command's report.</summary>
public sealed class NtXentTests
{
    [Test]
    public void MatchesTheDefinition()
    {
        var rng = new Random(1);
        double[] Values(int count) => Enumerable.Range(0, count).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var (n, d, t) = (3, 4, 0.5);
        var (a, b) = (Values(n * d), Values(n * d));
        using var za = Tensor.FromArray(a, new Shape(n, d));
        using var zb = Tensor.FromArray(b, new Shape(n, d));
        using var loss = NtXent.Loss(za, zb, t);

        var z = a.Concat(b).Chunk(d).Select(v => { var norm = Math.Sqrt(v.Sum(x => x * x)); return v.Select(x => x / norm).ToArray(); }).ToArray();
        double Sim(int i, int j) => z[i].Zip(z[j], (x, y) => x * y).Sum() / t;
        var expected = Enumerable.Range(0, 2 * n).Average(i =>
        {
            var partner = i < n ? i + n : i - n;
            var denominator = Enumerable.Range(0, 2 * n).Where(k => k != i).Sum(k => Math.Exp(Sim(i, k)));
            return -Math.Log(Math.Exp(Sim(i, partner)) / denominator);
        });
        Assert.That(loss.Item(), Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void GradientMatchesFiniteDifferences()
    {
        var values = Enumerable.Range(0, 12).Select(i => Math.Sin(i * 1.7)).ToArray();
        double Loss(double[] v)
        {
            using var scope = new TensorScope();
            return NtXent.Loss(Tensor.FromArray(v[..6], new Shape(3, 2)), Tensor.FromArray(v[6..], new Shape(3, 2))).Item();
        }
        using var za = Tensor.FromArray(values[..6], new Shape(3, 2));
        using var zb = Tensor.FromArray(values[6..], new Shape(3, 2));
        za.RequiresGrad = zb.RequiresGrad = true;
        using (var scope = new TensorScope()) NtXent.Loss(za, zb).Backward();
        var analytic = za.Grad!.ToDoubleArray().Concat(zb.Grad!.ToDoubleArray()).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var (up, down) = ((double[])values.Clone(), (double[])values.Clone());
            (up[i], down[i]) = (values[i] + 1e-6, values[i] - 1e-6);
            Assert.That(analytic[i], Is.EqualTo((Loss(up) - Loss(down)) / 2e-6).Within(1e-6), $"d/d z[{i}]");
        }
    }

    [Test]
    public void BadArgumentsAreRefused()
    {
        using var one = Tensor.Zeros(new Shape(1, 3));
        using var two = Tensor.Zeros(new Shape(2, 3));
        using var other = Tensor.Zeros(new Shape(2, 4));
        Assert.Throws<ShapeException>(() => NtXent.Loss(one, one));
        Assert.Throws<ShapeException>(() => NtXent.Loss(two, other));
        Assert.Throws<ArgumentOutOfRangeException>(() => NtXent.Loss(two, two, 0));
    }

    [Test]
    public void SslContrastiveReportsTheProbeAndTheBaseline()
    {
        var run = CliRun.Of("train", "ssl-contrastive", "--epochs", "2", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var json = System.Text.Json.JsonDocument.Parse(run.Out).RootElement;
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "model", "epochs", "train_loss", "probe_accuracy", "random_encoder_probe_accuracy", "seconds" }));
        Assert.That(json.GetProperty("probe_accuracy").GetDouble(), Is.GreaterThan(0.5));
    }
}
