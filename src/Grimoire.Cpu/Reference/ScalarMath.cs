namespace Grimoire.Cpu.Reference;

/// <summary>Double-precision functions .NET lacks or computes naively (double.LogP1 is log(1 + x), which loses x near 0):
/// the reference kernels' definitions of log1p, expm1, erf, erfc, gelu, silu and softplus, also run by the float64
/// kernels. Each is accurate to a few ulp of double, far inside every float32 tolerance.</summary>
internal static class ScalarMath
{
    private const double OneOverSqrtPi = 0.56418958354775628;
    private const double OneOverSqrt2 = 0.70710678118654752;
    private const double GeluTanhScale = 0.7978845608028654; // √(2/π)
    private const double GeluTanhCubic = 0.044715;
    private const double OneOverSqrt2Pi = 0.3989422804014327;

    /// <summary>ln(1 + x) as ln(u)·x/(u − 1) with u = 1 + x rounded: the quotient cancels u's rounding (Goldberg).</summary>
    public static double Log1p(double x)
    {
        var u = 1 + x;
        if (u == 1 || double.IsPositiveInfinity(x)) return x;
        return Math.Log(u) * (x / (u - 1));
    }

    /// <summary>eˣ − 1 as (u − 1)·x/ln u with u = eˣ rounded (Kahan): accurate where u − 1 cancels.</summary>
    public static double Expm1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1) return x;
        var um1 = u - 1;
        if (um1 == -1 || double.IsPositiveInfinity(u)) return um1;
        return um1 * (x / Math.Log(u));
    }

    public static double Erf(double x)
    {
        var a = Math.Abs(x);
        return a < SeriesLimit ? ErfSeries(x) : Math.CopySign(1 - ErfcFraction(a), x);
    }

    public static double Erfc(double x) => x switch
    {
        <= -SeriesLimit => 2 - ErfcFraction(-x),
        < SeriesLimit => 1 - ErfSeries(x),
        _ => ErfcFraction(x),
    };

    /// <summary>x·Φ(x) = ½x·erfc(−x/√2), accurate in the negative tail where 1 + erf(x/√2) cancels; the tanh form as
    /// x·σ(2u), equal to ½x(1 + tanh u) without its cancellation.</summary>
    public static double Gelu(double x, bool tanh) =>
        tanh ? x / (1 + Math.Exp(-2 * GeluTanhScale * (x + GeluTanhCubic * x * x * x))) : 0.5 * x * Erfc(-x * OneOverSqrt2);

    /// <summary>gelu′(x): Φ(x) + x·φ(x), or for the tanh form σ(2u) + x·σ(2u)(1 − σ(2u))·2u′ with u = √(2/π)(x + 0.044715x³).</summary>
    public static double GeluDerivative(double x, bool tanh)
    {
        if (!tanh) return 0.5 * Erfc(-x * OneOverSqrt2) + x * Math.Exp(-0.5 * x * x) * OneOverSqrt2Pi;
        var s = 1 / (1 + Math.Exp(-2 * GeluTanhScale * (x + GeluTanhCubic * x * x * x)));
        return s + x * s * (1 - s) * 2 * GeluTanhScale * (1 + 3 * GeluTanhCubic * x * x);
    }

    public static double Silu(double x) => x / (1 + Math.Exp(-x));

    /// <summary>x above the threshold (PyTorch), else the stable max(z, 0) + ln(1 + e^−|z|) for z = βx, over β.</summary>
    public static double Softplus(double x, double beta, double threshold)
    {
        var z = beta * x;
        return z > threshold ? x : (Math.Max(z, 0) + Log1p(Math.Exp(-Math.Abs(z)))) / beta;
    }

    // Below 2.5 the series is used, so 1 − erf loses at most 3.4 of erfc's digits there; above, the continued fraction
    // converges to double precision within FractionDepth terms.
    private const double SeriesLimit = 2.5;
    private const int FractionDepth = 80;

    /// <summary>erf x = 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3···(2n+1)): positive terms, so no cancellation.</summary>
    private static double ErfSeries(double x)
    {
        var (term, sum, x2) = (x, x, x * x);
        for (var n = 1; Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return 2 * OneOverSqrtPi * Math.Exp(-x2) * sum;
    }

    /// <summary>erfc x = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …)))) for x ≥ 2.5, evaluated from the tail.</summary>
    private static double ErfcFraction(double x)
    {
        if (double.IsPositiveInfinity(x)) return 0;
        var f = x;
        for (var k = FractionDepth; k >= 1; k--) f = x + k / 2.0 / f;
        return OneOverSqrtPi * Math.Exp(-x * x) / f;
    }
}
