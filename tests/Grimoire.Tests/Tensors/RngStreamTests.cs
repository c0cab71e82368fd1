namespace Grimoire.Tests.Tensors;

/// <summary>Generator streams (beyond per-seed reproducibility, covered in <see cref="CreationTests"/>) and the
/// uniform distribution's range and bins. Seeds are fixed, so the bounds are checked on the same samples every run.</summary>
public class RngStreamTests
{
    private const int Samples = 100_000;

    [Test]
    public void OneGeneratorContinuesItsStreamAcrossCalls()
    {
        using var scope = new TensorScope();
        var rng = new Rng(7);
        var first = Tensor.RandU(new Shape(100), rng: rng).ToArray<float>();
        var second = Tensor.RandU(new Shape(100), rng: rng).ToArray<float>();
        Assert.That(second, Is.Not.EqualTo(first));
        var both = Tensor.RandU(new Shape(200), rng: new Rng(7)).ToArray<float>();
        Assert.That(both, Is.EqualTo(first.Concat(second)));
    }

    [Test]
    public void ReseedingTheDefaultGeneratorRepeatsItsStream()
    {
        using var scope = new TensorScope();
        try
        {
            Rng.Seed(99);
            var a = Tensor.RandN(new Shape(50)).ToArray<float>();
            Rng.Seed(99);
            var b = Tensor.RandN(new Shape(50)).ToArray<float>();
            Assert.That(b, Is.EqualTo(a));
        }
        finally
        {
            Rng.Seed(0); // the process-start state
        }
    }

    /// <summary>Uniform on [−1, 3): mean 1 (standard error 0.0037), every sample in range, the four unit bins equally full.</summary>
    [Test]
    public void RandUIsUniformOnTheHalfOpenRange()
    {
        using var x = Tensor.RandU(new Shape(Samples), low: -1, high: 3, rng: new Rng(2024), dtype: DType.Float64);
        var v = x.ToArray<double>();
        Assert.That(v, Is.All.GreaterThanOrEqualTo(-1.0).And.All.LessThan(3.0));
        Assert.That(v.Average(), Is.EqualTo(1).Within(0.02));
        var bins = v.GroupBy(e => (int)Math.Floor(e + 1)).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(bins.Keys, Is.EquivalentTo(new[] { 0, 1, 2, 3 }));
        Assert.That(bins.Values, Is.All.InRange(Samples / 4 - 1000, Samples / 4 + 1000));
    }
}
