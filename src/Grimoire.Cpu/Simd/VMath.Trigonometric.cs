using System.Runtime.CompilerServices;

namespace Grimoire.Cpu.Simd;

/// <summary>sin and cos: x = n·π/2 + r with |r| ≤ π/4 (Cody–Waite), then Cephes' single-precision polynomials on r.
/// π/2 is split into three floats, the first two with short mantissas (8 and 11 bits), so n·P1 and n·P2 are exact and
/// the first two subtractions lose nothing while |n| &lt; 2^13, that is |x| ≤ 8192 with a margin. Measured against
/// Math.Sin/Math.Cos of the float input (VMathDocumentedBoundsTests): ≤ 2 ulp on [−8, 8] and ≤ 8e-8 absolute on
/// [−8192, 8192]. Beyond, accuracy falls with growing |x| (the third part of π/2 and n·(2/π)'s rounding; meaningless
/// past 2^24, where n itself is inexact), but results stay in [−1, 1]. ±∞ and NaN give NaN; sin keeps −0.</summary>
public static partial class VMath
{
    private const float TwoOverPi = 0.636619772367581343f;
    private const float PiOver2Hi = 1.5703125f;                  // 8 significant bits
    private const float PiOver2Mid = 4.837512969970703125e-4f;   // 11 significant bits
    private const float PiOver2Lo = 7.54978995489188216e-8f;
    // π/4 plus the reach of n's rounding in x·2/π (half-way cases round to even): r stays inside while the reduction holds.
    private const float ReducedLimit = 0.79f;

    /// <summary>sin x lane-wise, with the accuracy stated on the class; ±0 return themselves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Sin<TW, TV>(TV x) where TW : IVec<TV> where TV : struct =>
        TW.Select(TW.Equal(x, TW.Splat(0f)), x, SinQuarterTurns<TW, TV>(x, 0f));

    /// <summary>cos x = sin(x + π/2): the same reduction, one quarter turn on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Cos<TW, TV>(TV x) where TW : IVec<TV> where TV : struct => SinQuarterTurns<TW, TV>(x, 1f);

    /// <summary>sin(x + turns·π/2) for turns 0 or 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV SinQuarterTurns<TW, TV>(TV x, float turns) where TW : IVec<TV> where TV : struct
    {
        var n = TW.Round(TW.Mul(x, TW.Splat(TwoOverPi)));
        var r = TW.Fma(n, TW.Splat(-PiOver2Hi), x);
        r = TW.Fma(n, TW.Splat(-PiOver2Mid), r);
        r = TW.Fma(n, TW.Splat(-PiOver2Lo), r);
        r = TW.Min(TW.Max(r, TW.Splat(-ReducedLimit)), TW.Splat(ReducedLimit));
        // Quadrant q mod 4 as k in {−2, …, 2}: sin(r + kπ/2) is sin r, cos r, −sin r, −cos r for k = 0, 1, ±2, −1.
        var q = TW.Add(n, TW.Splat(turns));
        var k = TW.Sub(q, TW.Mul(TW.Splat(4f), TW.Round(TW.Mul(q, TW.Splat(0.25f)))));
        var z = TW.Mul(r, r);
        var sin = TW.Splat(-1.9515295891e-4f);
        sin = TW.Fma(sin, z, TW.Splat(8.3321608736e-3f));
        sin = TW.Fma(sin, z, TW.Splat(-1.6666654611e-1f));
        sin = TW.Fma(TW.Mul(sin, z), r, r);
        var cos = TW.Splat(2.443315711809948e-5f);
        cos = TW.Fma(cos, z, TW.Splat(-1.388731625493765e-3f));
        cos = TW.Fma(cos, z, TW.Splat(4.166664568298827e-2f));
        cos = TW.Add(TW.Fma(TW.Mul(cos, z), z, TW.Mul(z, TW.Splat(-0.5f))), TW.Splat(1f));
        var useCos = TW.Equal(TW.Abs(k), TW.Splat(1f));
        var negate = TW.LessThan(TW.Splat(1f), TW.Abs(TW.Sub(k, TW.Splat(0.5f))));
        var result = TW.Select(useCos, cos, sin);
        result = TW.Select(negate, TW.Neg(result), result);
        return TW.Select(TW.IsNaN(TW.Sub(x, x)), TW.Splat(float.NaN), result); // ±∞ and NaN
    }
}
