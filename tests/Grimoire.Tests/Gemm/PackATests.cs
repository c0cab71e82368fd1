using FsCheck;
using FsCheck.Fluent;
using Grimoire.Cpu.Gemm;
using Grimoire.Tests.Laws;

namespace Grimoire.Tests.Gemm;

/// <summary>PackA lays out a block of op(A) the same way whether A is stored m x k or transposed (k x m): each full
/// and edge panel, every pass of k steps and the zero padding, for each kernel's Mr, at any offset into A.</summary>
internal sealed unsafe class PackATests
{
    public sealed record Case(int Mr, int M, int K, int I0, int P0, int Mc, int Kc, int Seed);

    private static Gen<Case> Cases() =>
        from mr in Gen.Elements(MicroKernelScalar.Mr, MicroKernel256.Mr, MicroKernel512Narrow.Mr, MicroKernel512.Mr)
        from m in Gen.Choose(1, 60)
        from k in Gen.Choose(1, 40)
        from i0 in Gen.Choose(0, m - 1)
        from p0 in Gen.Choose(0, k - 1)
        from mc in Gen.Choose(1, m - i0)
        from kc in Gen.Choose(1, k - p0)
        from seed in Gen.Choose(0, 1 << 20)
        select new Case(mr, m, k, i0, p0, mc, kc, seed);

    [Test]
    public void TransposedAPacksLikeRowMajorA() => PropertyCheck.ForAll(Cases(), Check, cases: 200);

    private static void Check(Case c)
    {
        var rng = new Random(c.Seed);
        var a = Enumerable.Range(0, c.M * c.K).Select(_ => (float)rng.NextDouble() + 1f).ToArray();
        var at = new float[c.M * c.K];
        for (var i = 0; i < c.M; i++)
            for (var p = 0; p < c.K; p++) at[p * c.M + i] = a[i * c.K + p];
        var size = (c.Mc + c.Mr - 1) / c.Mr * c.Mr * c.Kc;
        // NaN-filled destinations: a float the packer fails to write (data or padding) cannot match.
        var (expected, actual) = (new float[size], new float[size]);
        Array.Fill(expected, float.NaN);
        Array.Fill(actual, float.NaN);
        fixed (float* pa = a, pat = at, pe = expected, pac = actual)
        {
            var rowMajor = new GemmProblem(false, false, c.M, 1, c.K, 1f, pa, c.K, pa, 1, 0f, pa, 1, default);
            var transposed = new GemmProblem(true, false, c.M, 1, c.K, 1f, pat, c.M, pa, 1, 0f, pa, 1, default);
            PackA.Run(rowMajor, c.I0, c.P0, c.Mc, c.Kc, c.Mr, pe);
            PackA.Run(transposed, c.I0, c.P0, c.Mc, c.Kc, c.Mr, pac);
        }
        for (var j = 0; j < size; j++)
        {
            var (panel, q, r) = (j / (c.Mr * c.Kc), j % (c.Mr * c.Kc) / c.Mr, j % c.Mr);
            var i = panel * c.Mr + r;
            var want = i < c.Mc ? a[(c.I0 + i) * c.K + c.P0 + q] : 0f;
            Assert.That(expected[j], Is.EqualTo(want), $"{c}: row-major pack, panel {panel} step {q} row {r}");
            Assert.That(actual[j], Is.EqualTo(want), $"{c}: transposed pack, panel {panel} step {q} row {r}");
        }
    }
}
