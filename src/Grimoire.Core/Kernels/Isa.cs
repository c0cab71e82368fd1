using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Kernels;

/// <summary>The instruction set a CPU kernel needs. Ordered: a higher value is a wider, faster path.</summary>
public enum Isa
{
    /// <summary>Plain scalar code: runs everywhere.</summary>
    None = 0,

    /// <summary>256-bit AVX2 with FMA3.</summary>
    Avx2 = 1,

    /// <summary>512-bit AVX-512 Foundation, with 512-bit vectors accelerated by the JIT.</summary>
    Avx512 = 2,
}

/// <summary>Whether this machine and runtime can run an <see cref="Isa"/>, and its name.</summary>
public static class IsaSupport
{
    /// <summary>True when the CPU has the instructions and the runtime lets the JIT use them (DOTNET_EnableAVX512=0 or
    /// DOTNET_PreferredVectorBitWidth=256 turn AVX-512 off).</summary>
    public static bool IsSupported(Isa isa) => isa switch
    {
        Isa.None => true,
        Isa.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        // DOTNET_EnableAVX512=0 turns both off; DOTNET_PreferredVectorBitWidth=256 only the second.
        Isa.Avx512 => Avx512F.IsSupported && Vector512.IsHardwareAccelerated,
        _ => false,
    };

    /// <summary>The widest instruction set this machine (and the runtime's settings, such as DOTNET_EnableAVX512=0)
    /// lets kernels use.</summary>
    public static Isa Widest() => IsSupported(Isa.Avx512) ? Isa.Avx512 : IsSupported(Isa.Avx2) ? Isa.Avx2 : Isa.None;

    /// <summary>Short name for listings: "none", "avx2+fma", "avx512f".</summary>
    public static string Name(this Isa isa) => isa switch
    {
        Isa.None => "none",
        Isa.Avx2 => "avx2+fma",
        Isa.Avx512 => "avx512f",
        _ => isa.ToString(),
    };

    /// <summary>Instruction-set features the runtime reports, for `grimoire info`.</summary>
    public static IReadOnlyList<(string Name, bool Supported)> Features() =>
    [
        ("SSE4.2", Sse42.IsSupported),
        ("AVX", Avx.IsSupported),
        ("AVX2", Avx2.IsSupported),
        ("FMA", Fma.IsSupported),
        ("AVX-512F", Avx512F.IsSupported),
        ("AVX-512BW", Avx512BW.IsSupported),
        ("AVX-512DQ", Avx512DQ.IsSupported),
        ("AVX-512VL", Avx512F.VL.IsSupported),
        ("Vector512 accelerated", Vector512.IsHardwareAccelerated),
        ("Vector256 accelerated", Vector256.IsHardwareAccelerated),
    ];
}
