using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Cpu.Simd;

/// <summary>8 float lanes in one ymm register (AVX2 + FMA3).</summary>
public readonly unsafe struct Vec256 : IVec<Vector256<float>>
{
    /// <inheritdoc/>
    public static int Count => Vector256<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* p) => Vector256.Load(p);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector256<float> v) => v.Store(p);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreStreaming(float* p, Vector256<float> v) => v.StoreAlignedNonTemporal(p);

    /// <inheritdoc/>
    public static Vector256<float> Splat(float x) => Vector256.Create(x);

    /// <inheritdoc/>
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    /// <inheritdoc/>
    public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => a - b;

    /// <inheritdoc/>
    public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;

    /// <inheritdoc/>
    public static Vector256<float> Div(Vector256<float> a, Vector256<float> b) => a / b;

    /// <inheritdoc/>
    public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) => System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a, b, c);

    /// <inheritdoc/>
    public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Avx.Min(a, b);

    /// <inheritdoc/>
    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Avx.Max(a, b);

    /// <inheritdoc/>
    public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);

    /// <inheritdoc/>
    public static Vector256<float> Neg(Vector256<float> a) => -a;

    /// <inheritdoc/>
    public static Vector256<float> ApplySign(Vector256<float> magnitude, Vector256<float> sign) => magnitude | (sign & Vector256.Create(-0f));

    /// <inheritdoc/>
    public static Vector256<float> Sqrt(Vector256<float> a) => Avx.Sqrt(a);

    /// <inheritdoc/>
    public static Vector256<float> Round(Vector256<float> a) => Avx.RoundToNearestInteger(a);

    /// <inheritdoc/>
    public static Vector256<float> Pow2Shifted(Vector256<float> shifted) => Vector256.ShiftLeft(shifted.AsInt32(), 23).AsSingle();

    /// <inheritdoc/>
    public static Vector256<float> Exp2Eighths(Vector256<float> shifted)
    {
        var bits = shifted.AsInt32();
        var table = Vector256.Create(Exp2EighthsTable.T0, Exp2EighthsTable.T1, Exp2EighthsTable.T2, Exp2EighthsTable.T3,
            Exp2EighthsTable.T4, Exp2EighthsTable.T5, Exp2EighthsTable.T6, Exp2EighthsTable.T7);
        return (Avx2.PermuteVar8x32(table, bits) + Vector256.ShiftLeft(bits, 20)).AsSingle(); // vpermd reads the low 3 bits
    }

    /// <inheritdoc/>
    public static Vector256<float> Frexp(Vector256<float> x, out Vector256<float> exponent)
    {
        var bits = x.AsInt32();
        exponent = Avx.ConvertToVector256Single(Vector256.ShiftRightLogical(bits, 23) - Vector256.Create(127));
        return ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
    }

    /// <inheritdoc/>
    public static Vector256<float> Equal(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b);

    /// <inheritdoc/>
    public static Vector256<float> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);

    /// <inheritdoc/>
    public static Vector256<float> LessOrEqual(Vector256<float> a, Vector256<float> b) => Vector256.LessThanOrEqual(a, b);

    /// <inheritdoc/>
    public static bool AllLessOrEqual(Vector256<float> a, Vector256<float> b) => Vector256.LessThanOrEqualAll(a, b);

    /// <inheritdoc/>
    public static Vector256<float> IsNaN(Vector256<float> a) => ~Vector256.Equals(a, a);

    /// <inheritdoc/>
    public static Vector256<float> Select(Vector256<float> mask, Vector256<float> a, Vector256<float> b) => Vector256.ConditionalSelect(mask, a, b);

    /// <inheritdoc/>
    public static Vector256<float> SelectWhereSignBit(Vector256<float> sign, Vector256<float> a, Vector256<float> b) => Avx.BlendVariable(b, a, sign);

    /// <inheritdoc/>
    public static Vector256<float> MaskToOne(Vector256<float> mask) => mask & Vector256<float>.One;

    /// <inheritdoc/>
    public static float SumLanes(Vector256<float> a) => Vector256.Sum(a);

    /// <inheritdoc/>
    public static float MaxLanes(Vector256<float> a)
    {
        var m = Vector128.Max(a.GetLower(), a.GetUpper());
        m = Vector128.Max(m, Vector128.Shuffle(m, Vector128.Create(2, 3, 0, 1)));
        m = Vector128.Max(m, Vector128.Shuffle(m, Vector128.Create(1, 0, 3, 2)));
        return m.ToScalar();
    }
}
