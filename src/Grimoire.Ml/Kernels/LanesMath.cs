using System.Runtime.CompilerServices;

namespace Grimoire.Ml.Kernels;

/// <summary>The exponential and log(1 + e) on float64 lanes, written once for every width so the logistic pass can
/// evaluate them a vector at a time (TensorPrimitives' versions cost 20-30 ms each to compile in a fresh process, more
/// than the fit). Both are within a few ulp of the correctly rounded result (tested against Math.Exp and Math.Log).</summary>
internal static class LanesMath
{
    private const double Log2E = 1.4426950408889634;
    // ln 2 split so that k·Ln2High is exact for |k| < 2¹¹ (Cody–Waite): the reduced argument loses nothing.
    private const double Ln2High = 0.693147180369123816490;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double Ln2 = 0.69314718055994530942;
    private const double Sqrt2Minus1 = 0.41421356237309504880;

    /// <summary>eˣ: x = k·ln 2 + r with |r| ≤ ln 2 / 2, eʳ by its Taylor polynomial to degree 13 (truncation below
    /// 10⁻¹⁸ relative), times 2ᵏ applied in two halves so every k from −1075 to 1024 scales without leaving the exponent
    /// range. 0 below −745.2, +∞ above 709.8, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Exp<TL, TV>(TV x) where TL : struct, ILanes<TV> where TV : struct
    {
        var clamped = TL.Max(TL.Splat(-746), TL.Select(TL.LessThan(TL.Splat(710), x), TL.Splat(710), x));
        var k = TL.Round(TL.Mul(clamped, TL.Splat(Log2E)));
        var r = TL.Fma(k, TL.Splat(-Ln2High), clamped);
        r = TL.Fma(k, TL.Splat(-Ln2Low), r);
        var p = TL.Splat(1.0 / 6227020800);
        p = TL.Fma(p, r, TL.Splat(1.0 / 479001600));
        p = TL.Fma(p, r, TL.Splat(1.0 / 39916800));
        p = TL.Fma(p, r, TL.Splat(1.0 / 3628800));
        p = TL.Fma(p, r, TL.Splat(1.0 / 362880));
        p = TL.Fma(p, r, TL.Splat(1.0 / 40320));
        p = TL.Fma(p, r, TL.Splat(1.0 / 5040));
        p = TL.Fma(p, r, TL.Splat(1.0 / 720));
        p = TL.Fma(p, r, TL.Splat(1.0 / 120));
        p = TL.Fma(p, r, TL.Splat(1.0 / 24));
        p = TL.Fma(p, r, TL.Splat(1.0 / 6));
        p = TL.Fma(p, r, TL.Splat(0.5));
        p = TL.Fma(p, r, TL.Splat(1));
        p = TL.Fma(p, r, TL.Splat(1));
        var half = TL.Round(TL.Mul(k, TL.Splat(0.5)));
        var scaled = TL.Mul(TL.Mul(p, TL.Pow2(half)), TL.Pow2(TL.Sub(k, half)));
        var result = TL.Select(TL.LessThan(x, TL.Splat(-745.2)), TL.Zero, scaled);
        return TL.Select(TL.LessThan(TL.Splat(709.8), x), TL.Splat(double.PositiveInfinity), result);
    }

    /// <summary>log(1 + e) for 0 ≤ e ≤ 1, as 2·atanh(s): s = e/(2 + e) keeps every bit of a small e, and above √2 − 1
    /// the value is ln 2 + log((1 + e)/2) with s = (e − 1)/(e + 3); either way |s| ≤ 0.1716 and the odd series to s²³
    /// is exact to double precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Log1pUnit<TL, TV>(TV e) where TL : struct, ILanes<TV> where TV : struct
    {
        var upper = TL.LessThan(TL.Splat(Sqrt2Minus1), e);
        var s = TL.Div(TL.Select(upper, TL.Sub(e, TL.Splat(1)), e), TL.Add(e, TL.Select(upper, TL.Splat(3), TL.Splat(2))));
        var s2 = TL.Mul(s, s);
        var p = TL.Splat(1.0 / 23);
        p = TL.Fma(p, s2, TL.Splat(1.0 / 21));
        p = TL.Fma(p, s2, TL.Splat(1.0 / 19));
        p = TL.Fma(p, s2, TL.Splat(1.0 / 17));
        p = TL.Fma(p, s2, TL.Splat(1.0 / 15));
        p = TL.Fma(p, s2, TL.Splat(1.0 / 13));
        p = TL.Fma(p, s2, TL.Splat(1.0 / 11));
        p = TL.Fma(p, s2, TL.Splat(1.0 / 9));
        p = TL.Fma(p, s2, TL.Splat(1.0 / 7));
        p = TL.Fma(p, s2, TL.Splat(1.0 / 5));
        p = TL.Fma(p, s2, TL.Splat(1.0 / 3));
        var twoS = TL.Add(s, s);
        var log = TL.Fma(TL.Mul(twoS, s2), p, twoS);
        return TL.Select(upper, TL.Add(log, TL.Splat(Ln2)), log);
    }
}
