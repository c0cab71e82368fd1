using System.Runtime.CompilerServices;

namespace Grimoire.Cpu.Simd;

/// <summary>gelu (exact and tanh form), silu and softplus, from the functions above, in forms that keep relative accuracy
/// in the tails where PyTorch's textbook forms cancel (½x(1 + erf) and ½x(1 + tanh) for large negative x). As in
/// PyTorch, −∞ gives NaN for gelu and silu (−∞·0). Measured bounds (VMathDocumentedBoundsTests): gelu ≤ 14 ulp (erfc's
/// error), silu ≤ 4 ulp, the tanh form ≤ 6 ulp on [−2, 2] and 20 on [−4, 10]; below, the rounding of the exponent 2u
/// costs about |2u| ulp (150 at x = −9, where the result is −2e-28).</summary>
public static partial class VMath
{
    private const float MinusOneOverSqrt2 = -0.707106781186547524f;
    private const float GeluTanhLinear = -1.5957691216057308f;   // −2·√(2/π)
    private const float GeluTanhCubic = -0.07135481627260025f;   // −2·√(2/π)·0.044715
    private const float OneOverSqrt2Pi = 0.3989422804014327f;

    /// <summary>x·Φ(x), with Φ from <see cref="NormalCdf{TW, TV}"/> (the halving in Φ is exact, so this is ½x·erfc(−x/√2)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Gelu<TW, TV>(TV x) where TW : IVec<TV> where TV : struct => TW.Mul(x, NormalCdf<TW, TV>(x));

    /// <summary>Φ(x) = ½erfc(−x/√2), with (x/√2)² taken as x²/2 (exact halving of x² and its rounding error): through the
    /// rounded x/√2 it would lose x²·2^-24 of relative accuracy in the tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV NormalCdf<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var (half, square) = (TW.Splat(0.5f), TW.Mul(x, x));
        var halfSquareError = TW.Mul(TW.Fma(x, x, TW.Neg(square)), half);
        return TW.Mul(half, Erfc<TW, TV>(TW.Mul(x, TW.Splat(MinusOneOverSqrt2)), TW.Mul(square, half), halfSquareError));
    }

    /// <summary>gelu′(x) = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV GeluDerivative<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var density = TW.Mul(ExpNonPositive<TW, TV>(TW.Mul(TW.Mul(x, x), TW.Splat(-0.5f))), TW.Splat(OneOverSqrt2Pi));
        return TW.Fma(x, density, NormalCdf<TW, TV>(x));
    }

    /// <summary>The tanh form's derivative s + x·s(1 − s)·2u′ with s = σ(2u) = 1/(1 + e^(−2u)), 2u′ = 2√(2/π)(1 + 3·0.044715x²).
    /// −2u is capped at 80 so e^(−2u) stays finite: there s ≈ e^(−80) and 1 − s = e^(−2u)·s stays exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV GeluTanhDerivative<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var square = TW.Mul(x, x);
        var minusTwoU = TW.Min(TW.Mul(x, TW.Fma(square, TW.Splat(GeluTanhCubic), TW.Splat(GeluTanhLinear))), TW.Splat(80f));
        var e = Exp<TW, TV>(minusTwoU);
        var s = TW.Div(TW.Splat(1f), TW.Add(TW.Splat(1f), e));
        var twoDu = TW.Fma(square, TW.Splat(-3 * GeluTanhCubic), TW.Splat(-GeluTanhLinear));
        return TW.Fma(TW.Mul(x, TW.Mul(s, TW.Mul(e, s))), twoDu, s);
    }

    /// <summary>½x(1 + tanh u), u = √(2/π)(x + 0.044715x³), computed as x/(1 + e^(−2u)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV GeluTanh<TW, TV>(TV x) where TW : IVec<TV> where TV : struct
    {
        var minusTwoU = TW.Mul(x, TW.Fma(TW.Mul(x, x), TW.Splat(GeluTanhCubic), TW.Splat(GeluTanhLinear)));
        return TW.Div(x, TW.Add(TW.Splat(1f), Exp<TW, TV>(minusTwoU)));
    }

    /// <summary>x·σ(x) = x/(1 + e^−x); 0 (of x's sign) below x = −88.7, where e^−x overflows and |silu| &lt; 3e-37.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Silu<TW, TV>(TV x) where TW : IVec<TV> where TV : struct =>
        TW.Div(x, TW.Add(TW.Splat(1f), Exp<TW, TV>(TW.Neg(x))));

    /// <summary>x where βx &gt; threshold, else (max(βx, 0) + ln(1 + e^−|βx|))/β: no overflow and no cancellation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Softplus<TW, TV>(TV x, TV beta, TV threshold) where TW : IVec<TV> where TV : struct
    {
        var z = TW.Mul(x, beta);
        var soft = TW.Add(TW.Max(z, TW.Splat(0f)), Log1p<TW, TV>(Exp<TW, TV>(TW.Neg(TW.Abs(z)))));
        return TW.Select(TW.LessThan(threshold, z), x, TW.Div(soft, beta));
    }
}
