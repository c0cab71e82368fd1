using FsCheck;
using FsCheck.Fluent;
using Grimoire.Kernels;
using Grimoire.Ml.Data;
using Grimoire.Ml.Kernels;

namespace Grimoire.Tests.Ml.Kernels;

/// <summary>What the fused-pass properties run on: every lane width this machine has (scalar always, AVX2 and AVX-512
/// where supported; on an AVX-512 machine the AVX2 code runs too), and random matrices whose sizes break vector
/// code (1, primes, one off the widths) with now and then enough rows to split over threads. Columns get offsets far
/// from zero and unequal scales, so centring and cancellation matter.</summary>
internal static class FusedPassCases
{
    public static IEnumerable<Isa> Widths => new[] { Isa.None, Isa.Avx2, Isa.Avx512 }.Where(IsaSupport.IsSupported);

    public static Gen<(int N, int D, int Seed)> Matrices =>
        from n in Gen.Elements(1, 2, 3, 5, 8, 15, 16, 17, 31, 33, 64, 129, 700, 2500)
        from d in Gen.Elements(1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 40)
        from seed in Gen.Choose(0, 1 << 20)
        select (n, d, seed);

    /// <summary>n x d values, row-major: column j is N(0, 1)·(1 + j % 4) + 100·(j % 3 − 1).</summary>
    public static double[] Values(int n, int d, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n * d];
        for (var i = 0; i < x.Length; i++) x[i] = rng.NextGaussian() * (1 + i % d % 4) + 100 * (i % d % 3 - 1);
        return x;
    }

    /// <summary>The values as a leased float64 host matrix (the tensor is freed by the property's scope).</summary>
    public static HostValues Host(double[] values, int n, int d) => new(Tensor.FromArray(values, new Shape(n, d)));

    /// <summary>Σ over rows of the column's values.</summary>
    public static double[] ColumnMeans(double[] x, int n, int d) =>
        [.. Enumerable.Range(0, d).Select(j => Enumerable.Range(0, n).Sum(i => x[i * d + j]) / n)];
}
