namespace Grimoire.Cpu.Gemm;

/// <summary>Register tile (Mr x Nr) and cache blocks (Kc, Mc, Nc) for one kernel.</summary>
internal readonly record struct Blocking(int Mr, int Nr, int Kc, int Mc, int Nc);

/// <summary>
/// Cache blocking per ISA, sized for a core with 32-48 KiB L1d and 512 KiB-1 MiB L2. On Zen 4 (32 KiB L1d,
/// 1 MiB L2) every Kc in 128-256 and Mc in 96-384 gave the same n = 512-2048 rate within 3%: the
/// micro-kernel, not the memory system, is the limit there.
/// Loop nest (see <see cref="GemmDriver"/>): jc over N by Nc, pc over K by Kc, ic over M by Mc,
/// then Nr-wide B micro-panels, then Mr-tall A micro-panels.
/// <list type="bullet">
/// <item>Kc: one packed B micro-panel (Kc x Nr floats) is reused by every A micro-panel of the block,
/// so it should stay in L1: 256 x 32 x 4 B = 32 KiB for AVX-512, 16 KiB for AVX2.</item>
/// <item>Mc: the packed A block (Mc x Kc) is streamed once per B micro-panel, so it lives in L2:
/// 480 x 256 x 4 B = 480 KiB, half of a 1 MiB L2, leaving room for the B panel and C lines.</item>
/// <item>Nc: the packed B block (Kc x Nc) lives in L3; 4096 x 256 x 4 B = 4 MiB per thread.</item>
/// </list>
/// </summary>
internal static class BlockSizes
{
    public static readonly Blocking Avx512 = new(MicroKernel512.Mr, MicroKernel512.Nr, Kc: 256, Mc: 192, Nc: 4096);
    public static readonly Blocking Avx2 = new(MicroKernel256.Mr, MicroKernel256.Nr, Kc: 256, Mc: 192, Nc: 4096);

    // The scalar tile is tiny, so an L1-sized Kc x Nr panel leaves plenty of room; blocks keep L2 reuse.
    public static readonly Blocking Scalar = new(MicroKernelScalar.Mr, MicroKernelScalar.Nr, Kc: 256, Mc: 240, Nc: 2048);

    public static Blocking For(GemmIsa isa) => isa switch
    {
        GemmIsa.Avx512 => Avx512,
        GemmIsa.Avx2 => Avx2,
        _ => Scalar,
    };
}
