namespace Grimoire.Cpu.Gemm;

/// <summary>Instruction set a GEMM call runs on. See <see cref="Sgemm.IsSupported"/>.</summary>
internal enum GemmIsa
{
    /// <summary>Portable scalar code; works everywhere.</summary>
    Scalar,

    /// <summary>AVX2 + FMA3, 256-bit vectors.</summary>
    Avx2,

    /// <summary>AVX-512F, 512-bit vectors.</summary>
    Avx512,
}
