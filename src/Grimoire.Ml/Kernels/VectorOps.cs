using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Grimoire.Kernels;

namespace Grimoire.Ml.Kernels;

/// <summary>The dot product and the scaled add that coordinate descent runs per coordinate, on the lanes the other
/// passes use (TensorPrimitives' generic versions each cost 10-15 ms to compile in a fresh process, more than a
/// lasso fit's epochs).</summary>
internal static unsafe class VectorOps
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Isa? isa = null)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(b.Length, a.Length);
        fixed (double* pa = a, pb = b)
        {
            return (isa ?? IsaSupport.Widest()) switch
            {
                Isa.Avx512 => DotLoop<Lanes512, Vector512<double>>(pa, pb, a.Length),
                Isa.Avx2 => DotLoop<Lanes256, Vector256<double>>(pa, pb, a.Length),
                _ => DotLoop<Lanes1, double>(pa, pb, a.Length),
            };
        }
    }

    /// <summary>into += scale·x.</summary>
    public static void AddScaled(Span<double> into, double scale, ReadOnlySpan<double> x, Isa? isa = null)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(x.Length, into.Length);
        fixed (double* pi = into, px = x)
        {
            switch (isa ?? IsaSupport.Widest())
            {
                case Isa.Avx512: AddScaledLoop<Lanes512, Vector512<double>>(pi, px, scale, x.Length); break;
                case Isa.Avx2: AddScaledLoop<Lanes256, Vector256<double>>(pi, px, scale, x.Length); break;
                default: AddScaledLoop<Lanes1, double>(pi, px, scale, x.Length); break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double DotLoop<TL, TV>(double* a, double* b, int n) where TL : struct, ILanes<TV> where TV : struct => Dot<TL, TV>(a, b, n);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaledLoop<TL, TV>(double* into, double* x, double scale, int n) where TL : struct, ILanes<TV> where TV : struct =>
        AddScaled<TL, TV>(into, x, scale, n);

    /// <summary>Σ a[i]·b[i] with two vector accumulators (two independent fused chains), then the tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot<TL, TV>(double* a, double* b, int n) where TL : struct, ILanes<TV> where TV : struct
    {
        var w = TL.Count;
        TV acc0 = TL.Zero, acc1 = TL.Zero;
        var i = 0;
        for (; i <= n - 2 * w; i += 2 * w)
        {
            acc0 = TL.Fma(TL.Load(a + i), TL.Load(b + i), acc0);
            acc1 = TL.Fma(TL.Load(a + i + w), TL.Load(b + i + w), acc1);
        }
        for (; i <= n - w; i += w) acc0 = TL.Fma(TL.Load(a + i), TL.Load(b + i), acc0);
        var sum = TL.Sum(TL.Add(acc0, acc1));
        for (; i < n; i++) sum = Math.FusedMultiplyAdd(a[i], b[i], sum);
        return sum;
    }

    /// <summary>into[i] += scale·x[i], fused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled<TL, TV>(double* into, double* x, double scale, int n) where TL : struct, ILanes<TV> where TV : struct
    {
        var s = TL.Splat(scale);
        var i = 0;
        for (; i <= n - TL.Count; i += TL.Count) TL.Store(into + i, TL.Fma(s, TL.Load(x + i), TL.Load(into + i)));
        for (; i < n; i++) into[i] = Math.FusedMultiplyAdd(scale, x[i], into[i]);
    }
}
