namespace Grimoire.Cpu.Gemm;

/// <summary>Register tile (Mr x Nr) and cache blocks (Kc, Mc, Nc) for one kernel.</summary>
internal readonly record struct Blocking(int Mr, int Nr, int Kc, int Mc, int Nc)
{
    public override string ToString() => $"{Mr}x{Nr} tile, Kc {Kc}, Mc {Mc}, Nc {Nc}";
}

/// <summary>
/// Cache blocking per ISA, derived from the cache sizes the processor reports (<see cref="CpuCaches"/>), so one
/// rule serves a Zen 3 (32 KiB L1d, 512 KiB L2), a Zen 4/5 (32/48 KiB, 1 MiB) and an Intel core alike.
/// Loop nest (see <see cref="GemmDriver"/>): jc over N by Nc, pc over K by Kc, ic over M by Mc,
/// then Nr-wide B micro-panels, then Mr-tall A micro-panels.
/// <list type="bullet">
/// <item>Kc: one packed B micro-panel (Kc x Nr floats) is reused by every A micro-panel of the block and an
/// A micro-panel (Kc x Mr) streams past it, so both together take at most 3/4 of L1d; the last quarter holds the
/// C tile's lines and the stack. A multiple of 16 (whole 4 x 4 packing transposes, aligned panel rows) in 64-512:
/// below 64 the C tile's load and store per k block stops being small next to the FMAs.</item>
/// <item>Mc: the packed A block (Mc x Kc) is streamed once per B micro-panel, so it lives in L2: at most half of
/// L2, leaving the other half to the B panels and C lines passing through. A multiple of Mr, at most 4096.</item>
/// <item>Nc: the packed B block (Kc x Nc) is read once per A block, from L3: at most the part of L3 one core can
/// count on (L3 / processors sharing it). A multiple of Nr in 256-8192.</item>
/// </list>
/// </summary>
internal static class BlockSizes
{
    private const int KcMin = 64, KcMax = 512, KcMultiple = 16;
    private const int McMax = 4096, NcMin = 256, NcMax = 8192;

    private static readonly Lazy<Blocking> Avx512 = new(() => Derive(MicroKernel512.Mr, MicroKernel512.Nr, CpuCaches.Current));
    private static readonly Lazy<Blocking> Avx2 = new(() => Derive(MicroKernel256.Mr, MicroKernel256.Nr, CpuCaches.Current));
    private static readonly Lazy<Blocking> Scalar = new(() => Derive(MicroKernelScalar.Mr, MicroKernelScalar.Nr, CpuCaches.Current));

    /// <summary>The blocking for <paramref name="isa"/>'s micro-kernel on this machine's caches.</summary>
    public static Blocking For(GemmIsa isa) => isa switch
    {
        GemmIsa.Avx512 => Avx512.Value,
        GemmIsa.Avx2 => Avx2.Value,
        _ => Scalar.Value,
    };

    /// <summary>The blocks for an <paramref name="mr"/> x <paramref name="nr"/> float32 micro-kernel on
    /// <paramref name="caches"/> (rules in the class summary). Levels reported as 0 fall back to <see cref="CpuCaches.Default"/>'s.</summary>
    public static Blocking Derive(int mr, int nr, CpuCaches caches)
    {
        long l1 = caches.L1Data > 0 ? caches.L1Data : CpuCaches.Default.L1Data;
        long l2 = caches.L2 > 0 ? caches.L2 : CpuCaches.Default.L2;
        long l3 = caches.L3 > 0 ? caches.L3PerCore : CpuCaches.Default.L3PerCore;

        long kc = l1 * 3 / 4 / ((mr + nr) * sizeof(float)) / KcMultiple * KcMultiple;
        kc = Math.Clamp(kc, KcMin, KcMax);
        long mc = Math.Clamp(l2 / 2 / (kc * sizeof(float)) / mr * mr, mr, McMax / mr * mr);
        long nc = Math.Clamp(l3 / (kc * sizeof(float)) / nr * nr, RoundUp(NcMin, nr), NcMax / nr * nr);
        return new Blocking(mr, nr, (int)kc, (int)mc, (int)nc);
    }

    private static long RoundUp(long x, long multiple) => (x + multiple - 1) / multiple * multiple;
}
