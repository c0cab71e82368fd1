namespace Grimoire.Cpu.Gemm;

/// <summary>What `grimoire info` prints about GEMM blocking: the caches it was derived from and the blocks per usable ISA.</summary>
public static class GemmBlockingInfo
{
    /// <summary>One line for the caches, then one per GEMM ISA this machine runs, e.g. "avx2: 6x16 tile, Kc 416, Mc 312, Nc 1248".</summary>
    public static IEnumerable<string> Describe()
    {
        yield return $"caches:    {CpuCaches.Current}";
        foreach (var isa in new[] { GemmIsa.Avx512, GemmIsa.Avx2, GemmIsa.Scalar })
        {
            if (Sgemm.IsSupported(isa)) yield return $"gemm {isa.ToString().ToLowerInvariant(),-7} {BlockSizes.For(isa)}";
        }
    }
}
