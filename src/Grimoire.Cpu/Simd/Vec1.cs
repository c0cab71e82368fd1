using System.Runtime.CompilerServices;

namespace Grimoire.Cpu.Simd;

/// <summary>One float lane: the scalar width, used for loop tails and by machines without SIMD.</summary>
public readonly unsafe struct Vec1 : IVec<float>
{
    private const float AllOnes = float.NaN; // stands for an all-true lane; only tested through bits

    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(float* p) => *p;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, float v) => *p = v;

    /// <inheritdoc/>
    public static void StoreStreaming(float* p, float v) => *p = v;

    /// <inheritdoc/>
    public static float Splat(float x) => x;

    /// <inheritdoc/>
    public static float Add(float a, float b) => a + b;

    /// <inheritdoc/>
    public static float Sub(float a, float b) => a - b;

    /// <inheritdoc/>
    public static float Mul(float a, float b) => a * b;

    /// <inheritdoc/>
    public static float Div(float a, float b) => a / b;

    /// <inheritdoc/>
    public static float Fma(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);

    // Same NaN rule as minps/maxps: the second operand when either is NaN.
    /// <inheritdoc/>
    public static float Min(float a, float b) => a < b ? a : b;

    /// <inheritdoc/>
    public static float Max(float a, float b) => a > b ? a : b;

    /// <inheritdoc/>
    public static float Abs(float a) => MathF.Abs(a);

    /// <inheritdoc/>
    public static float Neg(float a) => -a;

    /// <inheritdoc/>
    public static float ApplySign(float magnitude, float sign) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(magnitude) | (BitConverter.SingleToInt32Bits(sign) & int.MinValue));

    /// <inheritdoc/>
    public static float Sqrt(float a) => MathF.Sqrt(a);

    /// <inheritdoc/>
    public static float Round(float a) => MathF.Round(a, MidpointRounding.ToEven);

    /// <inheritdoc/>
    public static float Pow2Shifted(float shifted) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(shifted) << 23);

    /// <inheritdoc/>
    public static float Exp2Eighths(float shifted)
    {
        var bits = BitConverter.SingleToInt32Bits(shifted);
        return BitConverter.Int32BitsToSingle(Exp2EighthsTable.Entry(bits & 7) + (bits << 20));
    }

    /// <inheritdoc/>
    public static float Frexp(float x, out float exponent)
    {
        var bits = BitConverter.SingleToInt32Bits(x);
        exponent = (bits >>> 23) - 127;
        return BitConverter.Int32BitsToSingle((bits & 0x007FFFFF) | 0x3F800000);
    }

    /// <inheritdoc/>
    public static float Equal(float a, float b) => a == b ? AllOnes : 0f;

    /// <inheritdoc/>
    public static float LessThan(float a, float b) => a < b ? AllOnes : 0f;

    /// <inheritdoc/>
    public static float LessOrEqual(float a, float b) => a <= b ? AllOnes : 0f;

    /// <inheritdoc/>
    public static bool AllLessOrEqual(float a, float b) => a <= b;

    /// <inheritdoc/>
    public static float IsNaN(float a) => float.IsNaN(a) ? AllOnes : 0f;

    /// <inheritdoc/>
    public static float Select(float mask, float a, float b) => BitConverter.SingleToInt32Bits(mask) != 0 ? a : b;

    /// <inheritdoc/>
    public static float SelectWhereSignBit(float sign, float a, float b) => BitConverter.SingleToInt32Bits(sign) < 0 ? a : b;

    /// <inheritdoc/>
    public static float MaskToOne(float mask) => BitConverter.SingleToInt32Bits(mask) != 0 ? 1f : 0f;

    /// <inheritdoc/>
    public static float SumLanes(float a) => a;

    /// <inheritdoc/>
    public static float MaxLanes(float a) => a;
}
