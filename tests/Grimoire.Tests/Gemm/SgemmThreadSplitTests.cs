using FsCheck;
using FsCheck.Fluent;
using Grimoire.Cpu.Gemm;
using Grimoire.Ops;
using Grimoire.Tests.Laws;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gemm;

/// <summary>Sgemm.Run called directly, as the native-free kernels do, on shapes that take each way of sharing work
/// between threads: rows, columns, and the split over k (k several times max(m, n)), on the direct and the packed
/// kernels, with transposes, alpha, beta and the bias + relu epilogue, against the double-accumulating NaiveSgemm.</summary>
internal sealed unsafe class SgemmThreadSplitTests
{
    public sealed record Case(GemmIsa Isa, int M, int N, int K, bool TransA, bool TransB, float Alpha, float Beta, bool Epilogue, int Threads, int Seed)
    {
        public override string ToString() => $"{Isa} {M}x{K}x{N} transA={TransA} transB={TransB} alpha={Alpha} beta={Beta} epilogue={Epilogue} threads={Threads}";
    }

    private static Gen<Case> Cases()
    {
        var isas = Enum.GetValues<GemmIsa>().Where(Sgemm.IsSupported).ToArray();
        // Deep (k-split once m*n*k passes two threads' minimum work; direct kernels in k blocks), tall, wide, square-ish,
        // wide with B rows at least 2 KiB apart over many row tiles (the packed kernels, k blocks past Kc), and tall with
        // B rows that far apart (packed, split over rows).
        var shape = Gen.OneOf(
            Gens.Zip3(Gen.Choose(200, 300), Gen.Choose(512, 600), Gen.Choose(1, 200)),
            Gens.Zip3(Gen.Choose(1, 40), Gen.Choose(1, 40), Gen.Choose(2000, 8000)),
            Gens.Zip3(Gen.Choose(100, 400), Gen.Choose(1, 40), Gen.Choose(100, 300)),
            Gens.Zip3(Gen.Choose(1, 40), Gen.Choose(100, 400), Gen.Choose(100, 300)),
            Gens.Zip3(Gen.Choose(100, 200), Gen.Choose(100, 200), Gen.Choose(100, 200)),
            Gens.Zip3(Gen.Choose(50, 120), Gen.Choose(512, 700), Gen.Choose(100, 600)));
        var flags = Gens.Zip3(Gen.Elements(false, true), Gen.Elements(false, true), Gen.Elements(false, true));
        var scalars = Gen.Zip(Gen.Elements(1f, -0.5f), Gen.Elements(0f, 1f, 0.25f));
        return Gens.Zip3(shape, flags, scalars).SelectMany(p => Gen.Zip(Gen.Elements(isas), Gen.Zip(Gen.Choose(1, 3), Gen.Choose(0, 1 << 20)))
            .Select(q => new Case(q.Item1, p.Item1.Item1, p.Item1.Item2, p.Item1.Item3, p.Item2.Item1, p.Item2.Item2, p.Item3.Item1, p.Item3.Item2, p.Item2.Item3, q.Item2.Item1, q.Item2.Item2)));
    }

    [Test]
    public void EveryThreadSplitMatchesTheNaiveProduct() => PropertyCheck.ForAll(Cases(), Check, cases: 40);

    private static void Check(Case c)
    {
        var rng = new Random(c.Seed);
        float[] Random(int count) => Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var (a, b, c0, bias) = (Random(c.M * c.K), Random(c.K * c.N), Random(c.M * c.N), Random(c.N));
        var (actual, expected) = ((float[])c0.Clone(), (float[])c0.Clone());
        int lda = c.TransA ? c.M : c.K, ldb = c.TransB ? c.K : c.N;
        fixed (float* pa = a, pb = b, pc = actual, pe = expected, pbias = bias)
        {
            Sgemm.Run(c.Isa, c.TransA, c.TransB, c.M, c.N, c.K, c.Alpha, pa, lda, pb, ldb, c.Beta, pc, c.N, c.Threads,
                c.Epilogue ? new Epilogue(pbias, Activation.Relu) : default);
            NaiveSgemm.Run(c.TransA, c.TransB, c.M, c.N, c.K, c.Alpha, pa, lda, pb, ldb, c.Beta, pe, c.N);
        }
        if (c.Epilogue)
        {
            for (var i = 0; i < expected.Length; i++) expected[i] = Math.Max(0f, expected[i] + bias[i % c.N]);
        }
        // float accumulation over k terms of magnitude at most 1, in a different order than the double oracle
        var bound = 2e-6 * c.K + 1e-6;
        for (var i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(actual[i] - expected[i]) <= bound))
                Assert.Fail($"{c}: C[{i / c.N},{i % c.N}] = {actual[i]}, expected {expected[i]} (|diff| {Math.Abs(actual[i] - expected[i]):E2} > {bound:E2})");
        }
    }
}
