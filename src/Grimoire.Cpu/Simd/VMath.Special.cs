using System.Runtime.CompilerServices;

namespace Grimoire.Cpu.Simd;

/// <summary>log1p, expm1, erf and erfc, accurate where the naive forms cancel (x near 0 for log1p and expm1, the tails
/// for erfc). Measured bounds (VMathDocumentedBoundsTests, against the reference's double functions): log1p ≤ 2 ulp and
/// expm1 ≤ 3.5 ulp over their whole ranges, erf ≤ 3 ulp, erfc ≤ 10 ulp while its result is a normal float (x ≤ 9.2):
/// the rational tail approximation's 1.2e-7 plus two exponentials.</summary>
public static partial class VMath
{
    private const float ExpMinusOneLimit = 16f; // above, e^x − 1 rounds as e^x does, so expm1 is exp(x) − 1

    /// <summary>ln(1 + x) = ln u + (x − (u − 1))/u for u = 1 + x rounded: the second term is what the rounding lost.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Log1p<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var one = TW.Splat(1f);
        var u = TW.Add(x, one);
        var result = TW.Add(Log<TW, TV>(u), TW.Div(TW.Sub(x, TW.Sub(u, one)), u));
        result = TW.Select(TW.Equal(u, one), x, result); // |x| below half an ulp of 1 (and ±0): ln(1 + x) rounds to x
        result = TW.Select(TW.Equal(x, TW.Neg(one)), TW.Splat(float.NegativeInfinity), result);
        return TW.Select(TW.Equal(x, TW.Splat(float.PositiveInfinity)), x, result);
    }

    /// <summary>e^x − 1 from <see cref="ExpMinusOneCore{TW, TV}"/> up to 16, exp(x) − 1 above (where it rounds as e^x does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Expm1<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var result = ExpMinusOneCore<TW, TV>(TW.Min(TW.Max(x, TW.Splat(ExpMin)), TW.Splat(ExpMinusOneLimit)));
        result = TW.Select(TW.LessThan(TW.Splat(ExpMinusOneLimit), x), TW.Sub(Exp<TW, TV>(x), TW.Splat(1f)), result);
        result = TW.Select(TW.Equal(x, TW.Splat(0f)), x, result); // keeps −0
        return TW.Select(TW.IsNaN(x), x, result);
    }

    /// <summary>e^x − 1 for x in [−87.3, 16] (NaN passes): 2^n·expm1(r) + (2^n − 1) with x = n·ln2 + r, |r| ≤ ln2/2, and
    /// expm1(r) = r + r²·q(r), q a degree-4 minimax polynomial (relative error 1.3e-8 on the interval): no cancellation for
    /// n = 0, and |e^x − 1| ≥ 0.29 otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ExpMinusOneCore<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var r = Reduce<TW, TV>(x, out var shifted);
        var q = TW.Fma(TW.Splat(1.3882522471249104e-3f), r, TW.Splat(8.3665139973163605e-3f));
        q = TW.Fma(q, r, TW.Splat(4.1667200624942780e-2f));
        q = TW.Fma(q, r, TW.Splat(1.6666543483734131e-1f));
        q = TW.Fma(q, r, TW.Splat(4.9999997019767761e-1f));
        var p = TW.Fma(TW.Mul(r, r), q, r);
        var scale = TW.Pow2Shifted(shifted);
        return TW.Fma(scale, p, TW.Sub(scale, TW.Splat(1f)));
    }

    /// <summary>erf x: its Taylor series for |x| &lt; 1, 1 − erfc|x| with the sign restored above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Erf<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var ax = TW.Abs(x);
        var square = TW.Mul(x, x);
        var tail = TW.Sub(TW.Splat(1f), ErfcAbove1<TW, TV>(ax, square, TW.Fma(x, x, TW.Neg(square))));
        tail = TW.Select(TW.LessThan(x, TW.Splat(0f)), TW.Neg(tail), tail);
        return TW.Select(TW.LessThan(ax, TW.Splat(1f)), ErfSeries<TW, TV>(x), tail);
    }

    /// <summary>erfc x = 1 − erf x: 1 minus the series for |x| &lt; 1, the tail approximation for x ≥ 1, 2 minus it for x ≤ −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Erfc<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var square = TW.Mul(x, x);
        return Erfc<TW, TV>(x, square, TW.Fma(x, x, TW.Neg(square)));
    }

    /// <summary>erfc x given x² as a float and its rounding error, for callers that know x² better than x·x of a rounded x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Erfc<TW, TV>(TV x, TV square, TV squareError) where TW : IVec<TV> where TV : struct
    {
        var ax = TW.Abs(x);
        var tail = ErfcAbove1<TW, TV>(ax, square, squareError);
        tail = TW.Select(TW.LessThan(x, TW.Splat(0f)), TW.Sub(TW.Splat(2f), tail), tail);
        return TW.Select(TW.LessThan(ax, TW.Splat(1f)), TW.Sub(TW.Splat(1f), ErfSeries<TW, TV>(x)), tail);
    }

    /// <summary>2/√π·Σ (−1)ⁿx^(2n+1)/(n!(2n+1)) to n = 11: the truncation is below 2e-9 for |x| ≤ 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ErfSeries<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var z = TW.Mul(x, x);
        var p = TW.Splat(-1.2290555301717926e-9f);
        p = TW.Fma(p, z, TW.Splat(1.4807192815879218e-8f));
        p = TW.Fma(p, z, TW.Splat(-1.6365844691234924e-7f));
        p = TW.Fma(p, z, TW.Splat(1.6462114365889246e-6f));
        p = TW.Fma(p, z, TW.Splat(-1.492565035840625e-5f));
        p = TW.Fma(p, z, TW.Splat(1.2055332981789664e-4f));
        p = TW.Fma(p, z, TW.Splat(-8.548327023450852e-4f));
        p = TW.Fma(p, z, TW.Splat(5.223977625442188e-3f));
        p = TW.Fma(p, z, TW.Splat(-2.6866170645131252e-2f));
        p = TW.Fma(p, z, TW.Splat(0.11283791670955126f));
        p = TW.Fma(p, z, TW.Splat(-0.37612638903183754f));
        p = TW.Fma(p, z, TW.Splat(1.1283791670955126f));
        return TW.Mul(x, p);
    }

    /// <summary>erfc z for z ≥ 0 as t·e^(−z² + P(t)), t = 1/(1 + z/2), P the Chebyshev-fitted polynomial of Numerical
    /// Recipes' erfcc (relative error below 1.2e-7 for every z ≥ 0). z² comes as a float and its rounding error, and the
    /// two exponentials are multiplied, since e^(−z²) of a rounded z² would be off by z²·2^-24 relative.
    /// 0 beyond z = 10, where erfc is below the smallest float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ErfcAbove1<TW, TV>(TV z, TV square, TV squareError) where TW : IVec<TV> where TV : struct
    {
        var t = TW.Div(TW.Splat(1f), TW.Fma(z, TW.Splat(0.5f), TW.Splat(1f)));
        var p = TW.Splat(0.17087277f);
        p = TW.Fma(p, t, TW.Splat(-0.82215223f));
        p = TW.Fma(p, t, TW.Splat(1.48851587f));
        p = TW.Fma(p, t, TW.Splat(-1.13520398f));
        p = TW.Fma(p, t, TW.Splat(0.27886807f));
        p = TW.Fma(p, t, TW.Splat(-0.18628806f));
        p = TW.Fma(p, t, TW.Splat(0.09678418f));
        p = TW.Fma(p, t, TW.Splat(0.37409196f));
        p = TW.Fma(p, t, TW.Splat(1.00002368f));
        p = TW.Fma(p, t, TW.Splat(-1.26551223f));
        var result = TW.Mul(TW.Mul(t, Exp<TW, TV>(TW.Neg(square))), Exp<TW, TV>(TW.Sub(p, squareError)));
        return TW.Select(TW.LessThan(TW.Splat(10f), z), TW.Splat(0f), result);
    }
}
