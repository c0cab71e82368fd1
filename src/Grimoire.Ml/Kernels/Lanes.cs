using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Grimoire.Kernels;

namespace Grimoire.Ml.Kernels;

/// <summary>One SIMD width over float64 lanes. The classical models' fused passes are written once against this
/// interface and specialised by the JIT for <see cref="Lanes512"/> (AVX-512), <see cref="Lanes256"/> (AVX2) and the
/// scalar <see cref="Lanes1"/>, which runs anywhere and is what the vector widths are tested against.</summary>
internal unsafe interface ILanes<TV> where TV : struct
{
    static abstract int Count { get; }

    static abstract TV Zero { get; }

    static abstract TV Load(double* p);

    static abstract void Store(double* p, TV v);

    static abstract TV Splat(double x);

    static abstract TV Add(TV a, TV b);

    static abstract TV Sub(TV a, TV b);

    static abstract TV Mul(TV a, TV b);

    static abstract TV Div(TV a, TV b);

    /// <summary>a·b + c with a single rounding.</summary>
    static abstract TV Fma(TV a, TV b, TV c);

    static abstract TV Max(TV a, TV b);

    static abstract TV Abs(TV a);

    /// <summary>The nearest integer, ties to even.</summary>
    static abstract TV Round(TV a);

    /// <summary>2ⁿ for lanes holding integers n in [−1022, 1023], built in the exponent bits.</summary>
    static abstract TV Pow2(TV n);

    /// <summary>All-ones lanes where a &lt; b, zero lanes elsewhere.</summary>
    static abstract TV LessThan(TV a, TV b);

    /// <summary>Lane-wise mask ? a : b.</summary>
    static abstract TV Select(TV mask, TV a, TV b);

    /// <summary>The sum of the lanes.</summary>
    static abstract double Sum(TV a);
}

internal static class Lanes
{
    /// <summary>The lane type and its vector type that the kernels' switches pick for <paramref name="isa"/>.</summary>
    public static (Type Lanes, Type Vector) TypesFor(Isa isa) => isa switch
    {
        Isa.Avx512 => (typeof(Lanes512), typeof(Vector512<double>)),
        Isa.Avx2 => (typeof(Lanes256), typeof(Vector256<double>)),
        _ => (typeof(Lanes1), typeof(double)),
    };

    /// <summary>Rows [first, first + rows) of a row-major matrix with <paramref name="d"/> columns, transposed into
    /// <paramref name="into"/> [d, block] so that lane r of feature f's vector is row first + r; lanes from
    /// <paramref name="rows"/> to <paramref name="block"/> are zero. The fused passes keep one row per lane this way, so
    /// each row's arithmetic is the same chain at every width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void TransposeRows(double* values, int d, long first, int rows, int block, double* into)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = values + (first + r) * d;
            for (var f = 0; f < d; f++) into[(long)f * block + r] = row[f];
        }
        for (var r = rows; r < block; r++)
            for (var f = 0; f < d; f++) into[(long)f * block + r] = 0;
    }

    /// <summary>2⁵² + 1023: added to an integer n (|n| &lt; 2⁵¹), it leaves n + 1023, the biased exponent of 2ⁿ, in the
    /// low mantissa bits, which a left shift by 52 moves into the exponent field (the rest shifts out).</summary>
    public const double ExponentMagic = 4503599627370496.0 + 1023;
}

internal readonly unsafe struct Lanes512 : ILanes<Vector512<double>>
{
    public static int Count => Vector512<double>.Count;

    public static Vector512<double> Zero => Vector512<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(double* p) => Vector512.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double* p, Vector512<double> v) => Vector512.Store(v, p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Splat(double x) => Vector512.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sub(Vector512<double> a, Vector512<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Mul(Vector512<double> a, Vector512<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Div(Vector512<double> a, Vector512<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Fma(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Max(Vector512<double> a, Vector512<double> b) => Vector512.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Abs(Vector512<double> a) => Vector512.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Round(Vector512<double> a) => Vector512.Round(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Pow2(Vector512<double> n) => Vector512.ShiftLeft((n + Vector512.Create(Lanes.ExponentMagic)).AsInt64(), 52).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LessThan(Vector512<double> a, Vector512<double> b) => Vector512.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<double> mask, Vector512<double> a, Vector512<double> b) => Vector512.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector512<double> a) => Vector512.Sum(a);
}

internal readonly unsafe struct Lanes256 : ILanes<Vector256<double>>
{
    public static int Count => Vector256<double>.Count;

    public static Vector256<double> Zero => Vector256<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(double* p) => Vector256.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double* p, Vector256<double> v) => Vector256.Store(v, p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Splat(double x) => Vector256.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sub(Vector256<double> a, Vector256<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Mul(Vector256<double> a, Vector256<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Div(Vector256<double> a, Vector256<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Fma(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> a, Vector256<double> b) => Vector256.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Abs(Vector256<double> a) => Vector256.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Round(Vector256<double> a) => Vector256.Round(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Pow2(Vector256<double> n) => Vector256.ShiftLeft((n + Vector256.Create(Lanes.ExponentMagic)).AsInt64(), 52).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LessThan(Vector256<double> a, Vector256<double> b) => Vector256.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> mask, Vector256<double> a, Vector256<double> b) => Vector256.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector256<double> a) => Vector256.Sum(a);
}

/// <summary>One lane: plain double arithmetic (Math.FusedMultiplyAdd for the fused step, so every width rounds alike).</summary>
internal readonly unsafe struct Lanes1 : ILanes<double>
{
    public static int Count => 1;

    public static double Zero => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load(double* p) => *p;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double* p, double v) => *p = v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Splat(double x) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double a, double b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sub(double a, double b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Mul(double a, double b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Div(double a, double b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double a, double b) => Math.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs(double a) => Math.Abs(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Round(double a) => Math.Round(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow2(double n) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(n + Lanes.ExponentMagic) << 52);

    /// <summary>All-ones bits (a NaN) where a &lt; b, +0 elsewhere, as the vector comparisons give.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LessThan(double a, double b) => a < b ? BitConverter.Int64BitsToDouble(-1) : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Select(double mask, double a, double b) => BitConverter.DoubleToInt64Bits(mask) != 0 ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(double a) => a;
}
