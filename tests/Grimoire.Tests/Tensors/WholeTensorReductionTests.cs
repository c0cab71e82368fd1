using Grimoire.Cpu;

namespace Grimoire.Tests.Tensors;

/// <summary>A reduction of a whole long tensor runs on every thread in fixed spans: the value matches a float64
/// reference and is the same bits at any thread count; max keeps NaN wherever it sits.</summary>
public sealed class WholeTensorReductionTests
{
    [TestCase(1_048_577, 0.0)]
    [TestCase(3_000_001, 100.0)]
    public void SumMatchesTheReferenceAtAnyThreadCount(int n, double offset)
    {
        var random = new Random(n);
        var values = Enumerable.Range(0, n).Select(_ => (float)(offset + random.NextDouble() * 2 - 1)).ToArray();
        var exact = values.Sum(v => (double)v);
        using var x = Tensor.FromArray(values, new Shape(1, n));
        var (one, two) = (Summed(x, threads: 1), Summed(x, threads: 2));
        Assert.That(one, Is.EqualTo(two), "the thread count does not change the bits");
        Assert.That(one, Is.EqualTo(exact).Within(Math.Abs(exact) * 2e-7 + 1e-3));
    }

    [Test]
    public void MaxFindsTheLargestAndKeepsNaN()
    {
        const int n = 2_000_000;
        var values = Enumerable.Range(0, n).Select(i => (float)Math.Sin(i)).ToArray();
        values[1_234_567] = 5f;
        using (var x = Tensor.FromArray(values, new Shape(1, n)))
        using (var max = x.Max(1))
            Assert.That(max.ToArray<float>()[0], Is.EqualTo(5f));
        values[1_900_000] = float.NaN;
        using var withNaN = Tensor.FromArray(values, new Shape(1, n));
        using var nanMax = withNaN.Max(1);
        Assert.That(float.IsNaN(nanMax.ToArray<float>()[0]));
    }

    private static double Summed(Tensor x, int threads)
    {
        var before = CpuParallel.Threads;
        try
        {
            CpuParallel.Threads = threads;
            using var sum = x.Sum(1);
            return sum.ToArray<float>()[0];
        }
        finally
        {
            CpuParallel.Threads = before;
        }
    }
}
