using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Grimoire.Cpu.Gemm;

/// <summary>
/// Single-threaded, cache-blocked GEMM (Goto/BLIS loop nest) around a packed micro-kernel.
/// Callers split work between threads by slicing the problem; each thread packs into its own buffers.
/// </summary>
internal static unsafe class GemmDriver
{
    public static void Run<TKernel>(GemmIsa isa, in GemmProblem g, in Blocking blk) where TKernel : struct, IMicroKernel
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        Debug.Assert(blk.Mr == mr && blk.Nr == nr);
        Debug.Assert(g.M > 0 && g.N > 0 && g.K > 0);

        // Equal k blocks: a thin last one (512 = 416 + 96) would reload and store every C tile for little work.
        int kcMax = BalancedBlock(g.K, blk.Kc, KcStep);
        int ncMax = Math.Min(blk.Nc, RoundUp(g.N, nr));
        int mcBlock = BalancedBlock(g.M, blk.Mc, mr);
        float* bPack = PackBuffer.ForB((nint)kcMax * ncMax);
        float* aPack = PackBuffer.ForA((nint)kcMax * mcBlock);

        for (int jc = 0; jc < g.N; jc += ncMax)
        {
            int nc = Math.Min(ncMax, g.N - jc);
            for (int pc = 0; pc < g.K; pc += kcMax)
            {
                int kc = Math.Min(kcMax, g.K - pc);
                PackB.Run(g, pc, jc, kc, nc, nr, bPack);

                // Later k blocks accumulate onto what the first one wrote.
                float beta = pc == 0 ? g.Beta : 1f;
                for (int ic = 0; ic < g.M; ic += mcBlock)
                {
                    int mc = Math.Min(mcBlock, g.M - ic);
                    PackA.Run(g, ic, pc, mc, kc, mr, aPack);
                    Macro<TKernel>(kc, mc, nc, aPack, bPack, g.CAt(ic, jc), g.Ldc, g.Alpha, beta);
                    // The block is final after the last k block, and still in cache: finish it now.
                    if (pc + kc == g.K) g.Epilogue.FromColumn(jc).FromRow(ic).Apply(isa, g.CAt(ic, jc), g.Ldc, mc, nc);
                }
            }
        }
    }

    /// <summary>
    /// Sweeps the packed mc x nc block: the B micro-panel stays in L1 across the inner loop while
    /// A micro-panels stream from L2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Macro<TKernel>(int kc, int mc, int nc, float* aPack, float* bPack, float* c, int ldc,
        float alpha, float beta) where TKernel : struct, IMicroKernel
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        for (int jr = 0; jr < nc; jr += nr)
        {
            float* b = bPack + (nint)jr * kc;
            int cols = Math.Min(nr, nc - jr);
            for (int ir = 0; ir < mc; ir += mr)
            {
                TKernel.Run(kc, aPack + (nint)ir * kc, b, c + (nint)ir * ldc + jr, ldc,
                    Math.Min(mr, mc - ir), cols, alpha, beta);
            }
        }
    }

    // k blocks are whole multiples of this, so every packed panel (Mr·kc or Nr·kc floats) starts on a 32-byte boundary.
    private const int KcStep = 8;

    /// <summary>
    /// Splits <paramref name="m"/> into equal blocks of at most <paramref name="max"/>, rounded up to
    /// whole micro-panels, so the last block is not a sliver.
    /// </summary>
    private static int BalancedBlock(int m, int max, int mr)
    {
        int blocks = (m + max - 1) / max;
        return Math.Min(RoundUp((m + blocks - 1) / blocks, mr), RoundUp(max, mr));
    }

    public static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
