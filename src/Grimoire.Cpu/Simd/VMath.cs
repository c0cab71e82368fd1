using System.Runtime.CompilerServices;

namespace Grimoire.Cpu.Simd;

/// <summary>Vectorised float transcendental functions, written once for every width.
/// Measured maximum errors (tests/…/Simd/VMathDocumentedBoundsTests over dense sweeps, against double precision):
/// exp ≤ 3 ulp on [-87.3, 88.7] (2.1 at worst, the degree-5 minimax polynomial plus roundings); log ≤ 2 ulp on positive
/// floats; tanh ≤ 1e-7 absolute (8.9e-8 at worst); sigmoid ≤ 2e-7 absolute. The other parts hold trigonometric, special and activation
/// functions, each with its bound.</summary>
public static partial class VMath
{
    private const float Log2E = 1.44269504088896341f;
    // ln 2 split so n·Ln2Hi is exact for |n| < 2^9: Cody–Waite range reduction.
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    private const float ExpMax = 88.72283172607422f;  // largest float whose e^x is finite
    private const float ExpMin = -87.3365447504019f;  // e^x is subnormal below: flushed to 0
    private const float TanhSaturation = 9.1f;         // tanh x rounds to 1 from x = 9.01
    private const float ExpFastBound = 87f;           // |x| ≤ 87 keeps n = round(x·log2 e) within [−126, 126]
    // x·log2e + Shifter rounds x·log2e to an integer n (ties to even; the sum lies in [2^23, 2^24), where floats are the
    // integers) and holds n + 127 in its low bits, so n and 2^n come without a rounding instruction or a conversion.
    private const float Shifter = 12583039f;           // 1.5·2^23 + 127
    private const float Sqrt1Over2 = 0.707106781186547524f;

    /// <summary>e^x: x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite), e^r − 1 by a degree-5 minimax polynomial, and
    /// 2^n·(1 + p) in one fused multiply-add. A vector whose every |x| ≤ 87 (2^n normal) takes that path alone; any other
    /// lane (overflow, underflow, NaN) sends its vector through the guarded form, which gives the same bits on in-range lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Exp<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var p = ExpMinusOneReduced<TW, TV>(x, out _, out var shifted);
        var scale = TW.Pow2Shifted(shifted);
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
        var p = ExpMinusOneReduced<TW, TV>(TW.Min(TW.Splat(ExpMax), TW.Max(TW.Splat(ExpMin), x)), out var n, out _);
        // n reaches 128 at x = ExpMax: scale in two halves so 2^n never leaves the normal range. The second scaling is
        // by a power of two with a normal result, so it is exact and in-range lanes get the fast path's bits.
        var half = TW.Round(TW.Mul(n, TW.Splat(0.5f)));
        var scale = TW.Pow2(half);
        var result = TW.Mul(TW.Fma(p, scale, scale), TW.Pow2(TW.Sub(n, half)));
        result = TW.Select(TW.LessThan(x, TW.Splat(ExpMin)), TW.Splat(0f), result);
        return TW.Select(TW.LessThan(TW.Splat(ExpMax), x), TW.Splat(float.PositiveInfinity), result);
    }

    /// <summary>e^r − 1 for the reduced argument of an in-range x = n·ln2 + r (|r| ≤ ln2/2), by the degree-5 minimax
    /// polynomial of ARM's optimized-routines expf (coefficients 0x1.0e4020p-7 … 0x1.ffffecp-1); <paramref name="n"/> is the power
    /// of two still to apply. Measured with the scaling: 2.1 ulp at worst on [−87.3, 88.7].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ExpMinusOneReduced<TW, TV>(TV x, out TV n, out TV shifted) where TW : IVec<TV> where TV : struct
    {
        var r = Reduce<TW, TV>(x, out n, out shifted);
        var p = TW.Fma(TW.Splat(8.2473903894424438e-3f), r, TW.Splat(4.1899766772985458e-2f));
        p = TW.Fma(p, r, TW.Splat(1.6668395698070526e-1f));
        p = TW.Fma(p, r, TW.Splat(4.9999126791954041e-1f));
        p = TW.Fma(p, r, TW.Splat(9.9999940395355225e-1f));
        return TW.Mul(p, r);
    }

    /// <summary>r = x − n·ln2 with n = round(x·log2 e), |r| ≤ ln2/2 (plus the rounding of x·log2e + Shifter): Cody–Waite,
    /// exact for |n| &lt; 2^9; <paramref name="shifted"/> is x·log2e + Shifter, for <see cref="IVec{TV}.Pow2Shifted"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Reduce<TW, TV>(TV x, out TV n, out TV shifted) where TW : IVec<TV> where TV : struct
    {
        shifted = TW.Fma(x, TW.Splat(Log2E), TW.Splat(Shifter));
        n = TW.Sub(shifted, TW.Splat(Shifter));
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

    /// <summary>e^x for x ≤ 0 (NaN passes through): <see cref="Exp{TW, TV}"/>'s reduction, polynomial and scaling with a
    /// one-sided clamp and no branch, since 2^n stays normal for n ≥ −126. The same values as Exp, in fewer operations:
    /// what softmax, sigmoid and tanh use, whose arguments are never positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV ExpNonPositive<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var p = ExpMinusOneReduced<TW, TV>(TW.Max(TW.Splat(ExpMin), x), out _, out var shifted); // NaN passes (Max's second operand)
        var scale = TW.Pow2Shifted(shifted);
        return TW.Select(TW.LessThan(x, TW.Splat(ExpMin)), TW.Splat(0f), TW.Fma(p, scale, scale));
    }

    /// <summary>tanh x = ±u/(u + 2) with u = e^{2|x|} − 1 from <see cref="ExpMinusOneCore{TW, TV}"/>, accurate relative to u
    /// near 0, so one formula serves every x without cancellation; |x| is clamped to 9.1, past which tanh rounds to 1 (NaN
    /// passes the clamp), and x's sign bit is put on the result, which also makes tanh(−0) = −0. Working on |x| needs one
    /// clamp and no compare or blend: fewer operations on the ports the polynomial uses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Tanh<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var magnitude = TW.Min(TW.Splat(TanhSaturation), TW.Abs(x));
        var u = ExpMinusOneCore<TW, TV>(TW.Add(magnitude, magnitude));
        return TW.ApplySign(TW.Div(u, TW.Add(u, TW.Splat(2f))), x); // u ≥ 0 or NaN: a clear sign bit
    }

    /// <summary>1/(1+e^−x) from e = e^{−|x|} ≤ 1: 1/(1+e) for x ≥ 0, e/(1+e) for x &lt; 0, so the exponential never
    /// overflows and small results keep their relative accuracy; saturates cleanly to 0 and 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Sigmoid<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var e = ExpNonPositive<TW, TV>(TW.Neg(TW.Abs(x)));
        return TW.Div(TW.Select(TW.LessThan(x, TW.Splat(0f)), e, TW.Splat(1f)), TW.Add(TW.Splat(1f), e));
    }
}
