using System.Runtime.CompilerServices;

namespace Grimoire.Cpu.Simd;

/// <summary>Vectorised float transcendental functions, written once for every width.
/// Measured maximum errors (tests/…/Simd/VMathDocumentedBoundsTests over dense sweeps, against double precision; exp, tanh
/// and sigmoid also over all 2^32 floats): exp ≤ 2 ulp on [-87.3, 88.7] (1.14 at worst: the eight-entry table's and the
/// degree-3 polynomial's roundings); e^x for x ≤ 0 by <see cref="ExpNonPositive{TW, TV}"/> ≤ 5 ulp (4.82 at worst, near
/// x = −87) and ≤ 2 ulp on [−16, 0]; log ≤ 2 ulp on positive floats; tanh ≤ 1e-7 absolute (8.94e-8 at worst); sigmoid
/// ≤ 1e-7 absolute (8.94e-8 at worst). The other parts hold trigonometric, special and activation
/// functions, each with its bound.</summary>
public static partial class VMath
{
    private const float Log2E = 1.44269504088896341f;
    // ln 2 split so n·Ln2Hi is exact for |n| < 2^9: Cody–Waite range reduction.
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    private const float Ln2Over8 = 0.08664339780807495f; // the float nearest ln2/8, 2.4e-10 above it
    private const float ExpMax = 88.72283172607422f;  // largest float whose e^x is finite
    /// <summary>e^x is subnormal below this: <see cref="Exp{TW, TV}"/> and <see cref="ExpNonPositive{TW, TV}"/> flush it to 0.</summary>
    public const float ExpMin = -87.3365447504019f;
    private const float TanhSaturation = 9.1f;         // tanh x rounds to 1 from x = 9.01
    private const float ExpFastBound = 87f;           // |x| ≤ 87 keeps ⌊n/8⌋ for n = round(x·8·log2 e) in [−126, 125]
    // x·log2e + Shifter rounds x·log2e to an integer n (ties to even; the sum lies in [2^23, 2^24), where floats are the
    // integers) and holds n + 127 in its low bits, so n and 2^n come without a rounding instruction or a conversion.
    private const float Shifter = 12583039f;           // 1.5·2^23 + 127
    private const float EighthsShifter = 12582912f;    // 1.5·2^23, the same rounding for x·8·log2 e, without the bias
    private const float Sqrt1Over2 = 0.707106781186547524f;

    /// <summary>e^x: x = (n/8)·ln2 + r with |r| ≤ ln2/16 (Cody–Waite), e^r − 1 by a degree-3 minimax polynomial, and
    /// 2^(n/8)·(1 + p) in one fused multiply-add, 2^(n/8) from an eight-entry table (<see cref="IVec{TV}.Exp2Eighths"/>).
    /// A vector whose every |x| ≤ 87 (2^(n/8) normal) takes that path alone; any other lane (overflow, underflow, NaN)
    /// sends its vector through the guarded form, which gives the same bits on in-range lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Exp<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var p = ExpMinusOneSmall<TW, TV>(ReduceEighths<TW, TV>(x, out var shifted));
        var scale = TW.Exp2Eighths(shifted);
        var result = TW.Fma(p, scale, scale);
        // Adding −0 (the identity, also for ±0 and NaN) makes the call's result a temporary. Assigned directly, `result`
        // would become the call's return buffer and live on the stack: a store and a reload of every vector on the hot path.
        if (!TW.AllLessOrEqual(TW.Abs(x), TW.Splat(ExpFastBound))) result = TW.Add(ExpGuarded<TW, TV>(x), TW.Splat(-0f));
        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TV ExpGuarded<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        // Min and Max return their second operand where either is NaN, so NaN passes through the clamp and the rest.
        var p = ExpMinusOneSmall<TW, TV>(ReduceEighths<TW, TV>(TW.Min(TW.Splat(ExpMax), TW.Max(TW.Splat(ExpMin), x)), out var shifted));
        // n/8 reaches 128 at x = ExpMax: positive lanes take 2^(n/8 − 8), then 2^8, so the table's scale stays normal. The
        // second scaling is exact (its result is normal), so in-range lanes get the fast path's bits.
        var positive = TW.LessThan(TW.Splat(0f), x);
        var scale = TW.Exp2Eighths(TW.Sub(shifted, TW.Select(positive, TW.Splat(64f), TW.Splat(0f))));
        var result = TW.Mul(TW.Fma(p, scale, scale), TW.Select(positive, TW.Splat(256f), TW.Splat(1f)));
        result = TW.Select(TW.LessThan(x, TW.Splat(ExpMin)), TW.Splat(0f), result);
        return TW.Select(TW.LessThan(TW.Splat(ExpMax), x), TW.Splat(float.PositiveInfinity), result);
    }

    /// <summary>e^r − 1 = r + r²(c₂ + c₃r) for the reduced argument r of x = (n/8)·ln2 + r (|r| ≤ ln2/16): c₂, c₃ minimise
    /// the error relative to e^r on that interval (2.6e-8, a fifth of an ulp of 1). Measured with the scaling and the
    /// two-step reduction: 1.14 ulp at worst over all floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ExpMinusOneSmall<TW, TV>(TV r) where TW : IVec<TV> where TV : struct =>
        TW.Fma(TW.Mul(r, r), TW.Fma(TW.Splat(1.666685789823532e-1f), r, TW.Splat(5.000645518302917e-1f)), r);

    /// <summary>r = x − (n/8)·ln2 with n = round(x·8·log2 e), |r| ≤ ln2/16 (plus the rounding of x·8·log2 e): Cody–Waite,
    /// exact for |n| &lt; 2^12; <paramref name="shifted"/> = x·8·log2 e + 1.5·2^23 holds n in its low bits (the sum lies
    /// in [2^23, 2^24), where floats are the integers, so the fused multiply-add rounds to n without a rounding instruction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ReduceEighths<TW, TV>(TV x, out TV shifted) where TW : IVec<TV> where TV : struct
    {
        shifted = TW.Fma(x, TW.Splat(8 * Log2E), TW.Splat(EighthsShifter));
        var n = TW.Sub(shifted, TW.Splat(EighthsShifter));
        return TW.Fma(n, TW.Splat(-Ln2Lo / 8), TW.Fma(n, TW.Splat(-Ln2Hi / 8), x));
    }

    /// <summary>r = x − n·ln2 with n = round(x·log2 e), |r| ≤ ln2/2 (plus the rounding of x·log2e + Shifter): Cody–Waite,
    /// exact for |n| &lt; 2^9; <paramref name="shifted"/> is x·log2e + Shifter, for <see cref="IVec{TV}.Pow2Shifted"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Reduce<TW, TV>(TV x, out TV shifted) where TW : IVec<TV> where TV : struct
    {
        shifted = TW.Fma(x, TW.Splat(Log2E), TW.Splat(Shifter));
        var n = TW.Sub(shifted, TW.Splat(Shifter));
        return TW.Fma(n, TW.Splat(-Ln2Lo), TW.Fma(n, TW.Splat(-Ln2Hi), x));
    }

    /// <summary>ln x: x = m·2^e with m in [√½, √2), ln(1+f) for f = m−1 by the Cephes minimax polynomial.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Log<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        // Subnormals are scaled into the normal range first so the exponent split stays exact.
        var tiny = TW.LessThan(x, TW.Splat(1.17549435e-38f));
        var scaled = TW.Select(tiny, TW.Mul(x, TW.Splat(16777216f)), x);
        var m = TW.Frexp(scaled, out var e);
        e = TW.Select(tiny, TW.Sub(e, TW.Splat(24f)), e);
        var big = TW.LessThan(TW.Splat(Sqrt1Over2 * 2), m);
        m = TW.Select(big, TW.Mul(m, TW.Splat(0.5f)), m);
        e = TW.Select(big, TW.Add(e, TW.Splat(1f)), e);
        var f = TW.Sub(m, TW.Splat(1f));
        var z = TW.Mul(f, f);
        var p = TW.Splat(7.0376836292e-2f);
        p = TW.Fma(p, f, TW.Splat(-1.1514610310e-1f));
        p = TW.Fma(p, f, TW.Splat(1.1676998740e-1f));
        p = TW.Fma(p, f, TW.Splat(-1.2420140846e-1f));
        p = TW.Fma(p, f, TW.Splat(1.4249322787e-1f));
        p = TW.Fma(p, f, TW.Splat(-1.6668057665e-1f));
        p = TW.Fma(p, f, TW.Splat(2.0000714765e-1f));
        p = TW.Fma(p, f, TW.Splat(-2.4999993993e-1f));
        p = TW.Fma(p, f, TW.Splat(3.3333331174e-1f));
        var y = TW.Mul(TW.Mul(p, f), z);
        y = TW.Fma(e, TW.Splat(Ln2Lo), y);
        y = TW.Fma(z, TW.Splat(-0.5f), y);
        var result = TW.Fma(e, TW.Splat(Ln2Hi), TW.Add(f, y));
        result = TW.Select(TW.Equal(x, TW.Splat(0f)), TW.Splat(float.NegativeInfinity), result);
        result = TW.Select(TW.Equal(x, TW.Splat(float.PositiveInfinity)), x, result);
        result = TW.Select(TW.LessThan(x, TW.Splat(0f)), TW.Splat(float.NaN), result);
        return TW.Select(TW.IsNaN(x), x, result);
    }

    /// <summary>e^x for x ≤ 0 (NaN passes through): <see cref="Exp{TW, TV}"/>'s polynomial and scaling with no clamp and no
    /// branch: 2^(n/8) is normal for x ≥ −87.34, and below, where the table's scale and the polynomial mean nothing (or
    /// are infinite or NaN for huge |x|), the select puts 0. What softmax and sigmoid use, whose arguments are never
    /// positive, so it spends one operation less than Exp on the reduction: ln2/8 as one float (2.4e-10 above it, the
    /// Cody–Waite low part left out, as in tanh) adds n·2.4e-10 of relative error, |n| ≤ 8·|x|·log2 e: under 0.75 ulp
    /// for x ≥ −16 (≤ 2 ulp there in all, as Exp), up to 4 ulp near −87, where e^x &lt; 2e-38 (≤ 5 ulp, 4.82 measured
    /// over all floats). Sigmoid's absolute error (8.94e-8 at worst, was 8.93e-8) and softmax's probabilities barely see it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV ExpNonPositive<TW, TV>(TV x) where TW : IVec<TV> where TV : struct =>
        TW.Select(TW.LessThan(x, TW.Splat(ExpMin)), TW.Splat(0f), ExpNonPositiveInRange<TW, TV>(x));

    /// <summary><see cref="ExpNonPositive{TW, TV}"/> without its select, the same bits for x in [<see cref="ExpMin"/>, 0] (and
    /// NaN), two operations fewer; meaningless below: for callers that know no argument lies there (softmax rows whose
    /// spread is under 87).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV ExpNonPositiveInRange<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var shifted = TW.Fma(x, TW.Splat(8 * Log2E), TW.Splat(EighthsShifter));
        var p = ExpMinusOneSmall<TW, TV>(TW.Fma(TW.Sub(shifted, TW.Splat(EighthsShifter)), TW.Splat(-Ln2Over8), x));
        var scale = TW.Exp2Eighths(shifted);
        return TW.Fma(p, scale, scale);
    }

    /// <summary>tanh x = ±u/(u + 2) with u = e^{2|x|} − 1 from <see cref="TanhExpMinusOne{TW, TV}"/>, accurate relative to u
    /// near 0, so one formula serves every x without cancellation; |x| is clamped to 9.1, past which tanh rounds to 1 (NaN
    /// passes the clamp), and x's sign bit is put on the result, which also makes tanh(−0) = −0. Working on |x| needs one
    /// clamp and no compare or blend: fewer operations on the ports the polynomial uses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Tanh<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var u = TanhExpMinusOne<TW, TV>(TW.Min(TW.Splat(TanhSaturation), TW.Abs(x)));
        return TW.ApplySign(TW.Div(u, TW.Add(u, TW.Splat(2f))), x); // u ≥ 0 or NaN: a clear sign bit
    }

    /// <summary>e^{2m} − 1 for m in [0, 9.1] (NaN passes): 2^(n/8)·p + (2^(n/8) − 1) with y = 2m = (n/8)·ln2 + r, |r| ≤ ln2/16,
    /// and p = r + r²(½ + c₃r + c₄r²) (relative error 5.1e-9 on the interval), so n = 0 keeps u's relative accuracy near 0.
    /// For n ≥ 1 (u ≥ 0.044) the table entry's rounding costs up to 1.3e-7 of u: absolute, tanh's bound, that is 3e-8.
    /// The reduction takes ln2/8 as one float (2.4e-10 off): n·2.4e-10 of relative error in u costs tanh at most 1.3e-9
    /// absolute (largest near y = 1.5; where n is large tanh has saturated), so the second Cody–Waite step is left out.
    /// The doubling of m is folded into the constants, one operation fewer with the same bits: s = r/2 = m − n·(ln2/16),
    /// the polynomial in s gives p/2 (its coefficients 1, 4c₃, 8c₄ scale every rounding by a power of two), and the table
    /// reads n + 8 (shifter + 8), so 2^(n/8 + 1)·(p/2) + (2^(n/8 + 1)·½ − 1) rounds exactly as the form above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV TanhExpMinusOne<TW, TV>(TV m) where TW : IVec<TV> where TV : struct
    {
        var shifted = TW.Fma(m, TW.Splat(16 * Log2E), TW.Splat(EighthsShifter + 8));
        var s = TW.Fma(TW.Sub(shifted, TW.Splat(EighthsShifter + 8)), TW.Splat(-Ln2Over8 / 2), m);
        var q = TW.Fma(TW.Fma(TW.Splat(8 * 4.166807234287262e-2f), s, TW.Splat(4 * 1.6667962074279785e-1f)), s, TW.Splat(1f));
        var halfP = TW.Fma(TW.Mul(s, s), q, s);
        var twiceScale = TW.Exp2Eighths(shifted);
        return TW.Fma(twiceScale, halfP, TW.Fma(twiceScale, TW.Splat(0.5f), TW.Splat(-1f)));
    }

    /// <summary>1/(1+e^−x) from e = e^{−|x|} ≤ 1: 1/(1+e) for x ≥ 0, e/(1+e) for x &lt; 0, so the exponential never
    /// overflows and small results keep their relative accuracy; saturates cleanly to 0 and 1. −|x| is x with its sign bit
    /// set and the numerator is chosen by that bit (−0 picks e = 1, the same value): one operation each, no comparison.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Sigmoid<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var e = ExpNonPositive<TW, TV>(TW.ApplySign(x, TW.Splat(-0f)));
        return TW.Div(TW.SelectWhereSignBit(x, e, TW.Splat(1f)), TW.Add(TW.Splat(1f), e));
    }
}
