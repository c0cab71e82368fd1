namespace Grimoire.Cpu.Simd;

/// <summary>One SIMD width over float lanes. Kernels and math routines are written once against this
/// interface and specialised by the JIT for <see cref="Vec512"/>, <see cref="Vec256"/> and the scalar
/// <see cref="Vec1"/> (used for tails, so tails compute exactly what the vector body does).</summary>
public unsafe interface IVec<TV> where TV : struct
{
    /// <summary>Float lanes per vector: 16, 8 or 1.</summary>
    static abstract int Count { get; }

    /// <see cref="Count"/> floats from <paramref name="p"/>, which need not be aligned.
    static abstract TV Load(float* p);

    /// <summary>Writes <see cref="Count"/> floats at <paramref name="p"/>, which need not be aligned.</summary>
    static abstract void Store(float* p, TV v);

    /// <summary>Non-temporal store to a <see cref="Count"/>-aligned address: the line goes to memory without
    /// being read first or kept in cache.</summary>
    static abstract void StoreStreaming(float* p, TV v);

    /// <summary>Every lane <paramref name="x"/>.</summary>
    static abstract TV Splat(float x);

    /// <summary>a + b lane-wise.</summary>
    static abstract TV Add(TV a, TV b);

    /// <summary>a − b lane-wise.</summary>
    static abstract TV Sub(TV a, TV b);

    /// <summary>a · b lane-wise.</summary>
    static abstract TV Mul(TV a, TV b);

    /// <summary>a / b lane-wise, IEEE.</summary>
    static abstract TV Div(TV a, TV b);

    /// <summary>a·b + c with a single rounding.</summary>
    static abstract TV Fma(TV a, TV b, TV c);

    /// <summary>Lane-wise minimum with minps' NaN rule: <paramref name="b"/> where either lane is NaN.</summary>
    static abstract TV Min(TV a, TV b);

    /// <summary>Lane-wise maximum with maxps' NaN rule: <paramref name="b"/> where either lane is NaN.</summary>
    static abstract TV Max(TV a, TV b);

    /// <summary>|a| lane-wise.</summary>
    static abstract TV Abs(TV a);

    /// <summary>−a lane-wise (flips the sign bit, so −0 and NaN too).</summary>
    static abstract TV Neg(TV a);

    /// <summary><paramref name="magnitude"/> with the sign bit of <paramref name="sign"/> ORed in, lane-wise (bits only, so −0
    /// too): CopySign for magnitudes whose sign bit is clear, in one operation fewer; −|x| for a negative <paramref name="sign"/>.</summary>
    static abstract TV ApplySign(TV magnitude, TV sign);

    /// <summary>√a lane-wise, correctly rounded; NaN below 0.</summary>
    static abstract TV Sqrt(TV a);

    /// <summary>Round to the nearest integer, ties to even.</summary>
    static abstract TV Round(TV a);

    /// <summary>2^n from <paramref name="shifted"/> = 1.5·2^23 + 127 + n, a float whose low mantissa bits hold n + 127
    /// (n an integer in [-126, 127]): those bits shifted into the exponent field, one integer shift.</summary>
    static abstract TV Pow2Shifted(TV shifted);

    /// <summary>2^(n/8) from <paramref name="shifted"/> = 1.5·2^23 + n, a float whose low mantissa bits hold the integer n
    /// (n/8 in [−126, 128)): 2^(j/8) for j = n mod 8 from an eight-entry table (one permute on the low bits), its
    /// exponent raised by ⌊n/8⌋ with one integer shift and add (<see cref="Exp2EighthsTable"/>).</summary>
    static abstract TV Exp2Eighths(TV shifted);

    /// <summary>Splits positive normal x into mantissa m in [1, 2) and exponent e (as float) with x = m·2^e.</summary>
    static abstract TV Frexp(TV x, out TV exponent);

    /// <summary>Comparisons give all-ones lanes where true, zero lanes where false.</summary>
    static abstract TV Equal(TV a, TV b);

    /// <summary>All-ones lanes where a &lt; b (false where either is NaN).</summary>
    static abstract TV LessThan(TV a, TV b);

    /// <summary>All-ones lanes where a ≤ b (false where either is NaN).</summary>
    static abstract TV LessOrEqual(TV a, TV b);

    /// <summary>Whether a ≤ b in every lane (false where either is NaN): one test and branch for a whole vector.</summary>
    static abstract bool AllLessOrEqual(TV a, TV b);

    /// <summary>All-ones lanes where <paramref name="a"/> is NaN.</summary>
    static abstract TV IsNaN(TV a);

    /// <summary>Lane-wise mask ? a : b.</summary>
    static abstract TV Select(TV mask, TV a, TV b);

    /// <summary><paramref name="a"/> where the sign bit of <paramref name="sign"/> is set (negative numbers, −0, NaNs with the
    /// bit), else <paramref name="b"/>, lane-wise: a select without a comparison (one vblendvps with AVX2).</summary>
    static abstract TV SelectWhereSignBit(TV sign, TV a, TV b);

    /// <summary>1.0 where the mask lane is set, 0.0 elsewhere.</summary>
    static abstract TV MaskToOne(TV mask);

    /// <summary>The sum of the lanes (the order of additions is the width's own).</summary>
    static abstract float SumLanes(TV a);

    /// <summary>The largest lane.</summary>
    static abstract float MaxLanes(TV a);
}
