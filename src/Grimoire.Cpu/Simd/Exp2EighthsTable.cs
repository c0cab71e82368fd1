namespace Grimoire.Cpu.Simd;

/// <summary>The eight entries behind <see cref="IVec{TV}.Exp2Eighths"/>: 2^(j/8) for j = 0…7 rounded to float (relative
/// error ≤ 0.54·2^-24), each stored as its bit pattern less j·2^20. Adding n·2^20 for n = 8k + j (n sits in the low bits
/// of x·8·log2 e + 1.5·2^23) puts j·2^20 back and adds k to the exponent field: 2^(n/8) in one shift and one add.</summary>
internal static class Exp2EighthsTable
{
    public const int T0 = 0x3F800000, T1 = 0x3F7B95C2, T2 = 0x3F7837F0, T3 = 0x3F75FED7;
    public const int T4 = 0x3F7504F3, T5 = 0x3F75672A, T6 = 0x3F7744FD, T7 = 0x3F7AC0C7;

    /// <summary>Entry <paramref name="j"/> (0…7) for the scalar lanes; a switch rather than an array, which GPU kernels
    /// cannot index.</summary>
    public static int Entry(int j) => j switch { 0 => T0, 1 => T1, 2 => T2, 3 => T3, 4 => T4, 5 => T5, 6 => T6, _ => T7 };
}
