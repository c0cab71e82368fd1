using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Cpu.Simd;

/// <summary>16 float lanes in one zmm register (AVX-512F).</summary>
public readonly unsafe struct Vec512 : IVec<Vector512<float>>
{
    /// <inheritdoc/>
    public static int Count => Vector512<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* p) => Vector512.Load(p);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector512<float> v) => v.Store(p);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreStreaming(float* p, Vector512<float> v) => v.StoreAlignedNonTemporal(p);

    /// <inheritdoc/>
    public static Vector512<float> Splat(float x) => Vector512.Create(x);

    /// <inheritdoc/>
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    /// <inheritdoc/>
    public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => a - b;

    /// <inheritdoc/>
    public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;

    /// <inheritdoc/>
    public static Vector512<float> Div(Vector512<float> a, Vector512<float> b) => a / b;

    /// <inheritdoc/>
    public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Avx512F.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Avx512F.Min(a, b);

    /// <inheritdoc/>
    public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Avx512F.Max(a, b);

    /// <inheritdoc/>
    public static Vector512<float> Abs(Vector512<float> a) => Vector512.Abs(a);

    /// <inheritdoc/>
    public static Vector512<float> Neg(Vector512<float> a) => -a;

    /// <inheritdoc/>
    public static Vector512<float> ApplySign(Vector512<float> magnitude, Vector512<float> sign) => magnitude | (sign & Vector512.Create(-0f));

    /// <inheritdoc/>
    public static Vector512<float> Sqrt(Vector512<float> a) => Avx512F.Sqrt(a);

    /// <inheritdoc/>
    public static Vector512<float> Round(Vector512<float> a) => Avx512F.RoundScale(a, 0);

    /// <inheritdoc/>
    public static Vector512<float> Pow2Shifted(Vector512<float> shifted) => Vector512.ShiftLeft(shifted.AsInt32(), 23).AsSingle();

    /// <inheritdoc/>
    public static Vector512<float> Exp2Eighths(Vector512<float> shifted)
    {
        var bits = shifted.AsInt32();
        // vpermd reads the low 4 bits here: the table twice over, so bit 3 of n picks the same entry.
        var table = Vector512.Create(Exp2EighthsTable.T0, Exp2EighthsTable.T1, Exp2EighthsTable.T2, Exp2EighthsTable.T3,
            Exp2EighthsTable.T4, Exp2EighthsTable.T5, Exp2EighthsTable.T6, Exp2EighthsTable.T7,
            Exp2EighthsTable.T0, Exp2EighthsTable.T1, Exp2EighthsTable.T2, Exp2EighthsTable.T3,
            Exp2EighthsTable.T4, Exp2EighthsTable.T5, Exp2EighthsTable.T6, Exp2EighthsTable.T7);
        return (Avx512F.PermuteVar16x32(table, bits) + Vector512.ShiftLeft(bits, 20)).AsSingle();
    }

    /// <inheritdoc/>
    public static Vector512<float> Frexp(Vector512<float> x, out Vector512<float> exponent)
    {
        exponent = Avx512F.GetExponent(x);
        return Avx512F.GetMantissa(x, 0);
    }

    /// <inheritdoc/>
    public static Vector512<float> Equal(Vector512<float> a, Vector512<float> b) => Vector512.Equals(a, b);

    /// <inheritdoc/>
    public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);

    /// <inheritdoc/>
    public static Vector512<float> LessOrEqual(Vector512<float> a, Vector512<float> b) => Vector512.LessThanOrEqual(a, b);

    /// <inheritdoc/>
    public static bool AllLessOrEqual(Vector512<float> a, Vector512<float> b) => Vector512.LessThanOrEqualAll(a, b);

    /// <inheritdoc/>
    public static Vector512<float> IsNaN(Vector512<float> a) => ~Vector512.Equals(a, a);

    /// <inheritdoc/>
    public static Vector512<float> Select(Vector512<float> mask, Vector512<float> a, Vector512<float> b) => Vector512.ConditionalSelect(mask, a, b);

    /// <inheritdoc/>
    public static Vector512<float> SelectWhereSignBit(Vector512<float> sign, Vector512<float> a, Vector512<float> b) =>
        Vector512.ConditionalSelect(Vector512.LessThan(sign.AsInt32(), Vector512<int>.Zero).AsSingle(), a, b);

    /// <inheritdoc/>
    public static Vector512<float> MaskToOne(Vector512<float> mask) => mask & Vector512<float>.One;

    /// <inheritdoc/>
    public static float SumLanes(Vector512<float> a) => Vector512.Sum(a);

    /// <inheritdoc/>
    public static float MaxLanes(Vector512<float> a)
    {
        var m = Vector256.Max(a.GetLower(), a.GetUpper());
        return Vec256.MaxLanes(m);
    }
}
