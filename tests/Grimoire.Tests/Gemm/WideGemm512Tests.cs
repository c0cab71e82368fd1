using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using Grimoire.Cpu.Convolution;
using Grimoire.Cpu.Gemm;
using Grimoire.Tests.Laws;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gemm;

/// <summary>The weight gradient's 6 x 64 direct kernel called on its own, against the double-accumulating NaiveSgemm:
/// row and column counts on and off its tile (the edges go to SmallGemm512), padded leading dimensions, alpha and beta.</summary>
internal sealed unsafe class WideGemm512Tests
{
    public sealed record Case(int M, int N, int K, int PadA, int PadB, int PadC, float Alpha, float Beta, int Seed)
    {
        public override string ToString() => $"{M}x{K}x{N} pads {PadA}/{PadB}/{PadC} alpha={Alpha} beta={Beta}";
    }

    private static Gen<Case> Cases() =>
        Gens.Zip3(Gens.Zip3(Gen.Choose(1, 20), Gen.OneOf(Gen.Choose(1, 70), Gen.Elements(64, 128, 192)), Gen.Choose(1, 150)),
                Gens.Zip3(Gen.Choose(0, 3), Gen.Choose(0, 3), Gen.Choose(0, 3)),
                Gens.Zip3(Gen.Elements(1f, -0.5f), Gen.Elements(0f, 1f, 0.25f), Gen.Choose(0, 1 << 20)))
            .Select(p => new Case(p.Item1.Item1, p.Item1.Item2, p.Item1.Item3, p.Item2.Item1, p.Item2.Item2, p.Item2.Item3, p.Item3.Item1, p.Item3.Item2, p.Item3.Item3));

    [Test]
    public void MatchesTheNaiveProduct()
    {
        if (!Vector512.IsHardwareAccelerated) Assert.Ignore("no AVX-512 on this machine");
        PropertyCheck.ForAll(Cases(), Check, cases: 60);
    }

    private static void Check(Case c)
    {
        var rng = new Random(c.Seed);
        int lda = c.K + c.PadA, ldb = c.N + c.PadB, ldc = c.N + c.PadC;
        float[] Random(int count) => Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var (a, b, c0) = (Random(c.M * lda), Random(c.K * ldb), Random(c.M * ldc));
        var (actual, expected) = ((float[])c0.Clone(), (float[])c0.Clone());
        fixed (float* pa = a, pb = b, pc = actual, pe = expected)
        {
            WideGemm512.Run(new GemmProblem(false, false, c.M, c.N, c.K, c.Alpha, pa, lda, pb, ldb, c.Beta, pc, ldc, default));
            NaiveSgemm.Run(false, false, c.M, c.N, c.K, c.Alpha, pa, lda, pb, ldb, c.Beta, pe, ldc);
        }
        // float accumulation over k terms of magnitude at most 1, in a different order than the double oracle; the padding
        // between rows of C must come back untouched
        var bound = 2e-6 * c.K + 1e-6;
        for (var i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(actual[i] - expected[i]) <= bound))
                Assert.Fail($"{c}: C[{i / ldc},{i % ldc}] = {actual[i]}, expected {expected[i]} (|diff| {Math.Abs(actual[i] - expected[i]):E2} > {bound:E2})");
        }
    }
}
