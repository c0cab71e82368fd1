using FsCheck;
using FsCheck.Fluent;
using Grimoire.Cpu.Gemm;
using Grimoire.Ops;
using Grimoire.Tests.Laws;

namespace Grimoire.Tests.Gemm;

/// <summary>SharedBGemm (rows shared between threads that use one packed B) under small cache blocks, so that random
/// shapes cross many Nc and Kc blocks, B packing chunks and row chunks with edge tiles: it must match the
/// double-accumulating NaiveSgemm, and equal the one-thread GemmDriver with the same blocks bit for bit, whichever
/// thread took which chunk.</summary>
internal sealed unsafe class SharedBGemmTests
{
    public sealed record Case(GemmIsa Isa, int M, int N, int K, bool TransA, bool TransB, float Beta, bool Epilogue,
        int Threads, int KcPanels, int McTiles, int NcPanels, int Seed)
    {
        public override string ToString() =>
            $"{Isa} {M}x{K}x{N} transA={TransA} transB={TransB} beta={Beta} epilogue={Epilogue} threads={Threads} Kc {KcPanels * 8} Mc {McTiles} tiles Nc {NcPanels} panels";
    }

    private static Gen<Case> Cases()
    {
        var isas = new[] { GemmIsa.Avx2, GemmIsa.Avx512 }.Where(Sgemm.IsSupported).ToArray();
        return
            from isa in Gen.Elements(isas)
            from m in Gen.Choose(1, 90)
            from n in Gen.Choose(1, 120)
            from k in Gen.Choose(1, 100)
            from transA in Gen.Elements(false, true)
            from transB in Gen.Elements(false, true)
            from beta in Gen.Elements(0f, 1f, 0.5f)
            from epilogue in Gen.Elements(false, true)
            from threads in Gen.Choose(1, 3)
            from kcPanels in Gen.Choose(1, 6)
            from mcTiles in Gen.Choose(1, 5)
            from ncPanels in Gen.Choose(1, 4)
            from seed in Gen.Choose(0, 1 << 20)
            select new Case(isa, m, n, k, transA, transB, beta, epilogue, threads, kcPanels, mcTiles, ncPanels, seed);
    }

    [Test]
    public void MatchesTheNaiveProductAndTheOneThreadDriverBitForBit() => PropertyCheck.ForAll(Cases(), Check, cases: 60);

    private static void Check(Case c)
    {
        if (c.Isa == GemmIsa.Avx512) Check<MicroKernel512>(c);
        else Check<MicroKernel256>(c);
    }

    private static void Check<TKernel>(Case c) where TKernel : struct, IMicroKernel
    {
        var blk = new Blocking(TKernel.Mr, TKernel.Nr, c.KcPanels * 8, c.McTiles * TKernel.Mr, c.NcPanels * TKernel.Nr);
        var rng = new Random(c.Seed);
        float[] Random(int count) => Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var (a, b, c0, bias) = (Random(c.M * c.K), Random(c.K * c.N), Random(c.M * c.N), Random(c.N));
        var (shared, serial, naive) = ((float[])c0.Clone(), (float[])c0.Clone(), (float[])c0.Clone());
        int lda = c.TransA ? c.M : c.K, ldb = c.TransB ? c.K : c.N;
        fixed (float* pa = a, pb = b, ps = shared, pd = serial, pn = naive, pbias = bias)
        {
            var epilogue = c.Epilogue ? new Epilogue(pbias, Activation.Relu) : default;
            var g = new GemmProblem(c.TransA, c.TransB, c.M, c.N, c.K, -0.5f, pa, lda, pb, ldb, c.Beta, ps, c.N, epilogue);
            SharedBGemm.Run<TKernel>(c.Isa, g, blk, c.Threads);
            GemmDriver.Run<TKernel>(c.Isa, new GemmProblem(c.TransA, c.TransB, c.M, c.N, c.K, -0.5f, pa, lda, pb, ldb, c.Beta, pd, c.N, epilogue), blk);
            NaiveSgemm.Run(c.TransA, c.TransB, c.M, c.N, c.K, -0.5f, pa, lda, pb, ldb, c.Beta, pn, c.N);
        }
        if (c.Epilogue)
        {
            for (var i = 0; i < naive.Length; i++) naive[i] = Math.Max(0f, naive[i] + bias[i % c.N]);
        }
        var bound = 2e-6 * c.K + 1e-6;
        for (var i = 0; i < naive.Length; i++)
        {
            if (!(Math.Abs(shared[i] - naive[i]) <= bound))
                Assert.Fail($"{c}: C[{i / c.N},{i % c.N}] = {shared[i]}, expected {naive[i]} (|diff| {Math.Abs(shared[i] - naive[i]):E2} > {bound:E2})");
            if (BitConverter.SingleToInt32Bits(shared[i]) != BitConverter.SingleToInt32Bits(serial[i]))
                Assert.Fail($"{c}: C[{i / c.N},{i % c.N}] = {shared[i]} shared, {serial[i]} from the one-thread driver");
        }
    }
}
