namespace Grimoire.Cpu.Simd;

/// <summary>One SIMD width over float lanes. Kernels and math routines are written once against this
/// interface and specialised by the JIT for <see cref="Vec512"/>, <see cref="Vec256"/> and the scalar
/// <see cref="Vec1"/> (used for tails, so tails compute exactly what the vector body does).</summary>
public unsafe interface IVec<TV> where TV : struct
{
    static abstract int Count { get; }

    static abstract TV Load(float* p);

    static abstract void Store(float* p, TV v);

    /// <summary>Non-temporal store to a <see cref="Count"/>-aligned address: the line goes to memory without
    /// being read first or kept in cache.</summary>
    static abstract void StoreStreaming(float* p, TV v);

    static abstract TV Splat(float x);

    static abstract TV Add(TV a, TV b);

    static abstract TV Sub(TV a, TV b);

    static abstract TV Mul(TV a, TV b);

    static abstract TV Div(TV a, TV b);

    /// <summary>a·b + c with a single rounding.</summary>
    static abstract TV Fma(TV a, TV b, TV c);

    static abstract TV Min(TV a, TV b);

    static abstract TV Max(TV a, TV b);

    static abstract TV Abs(TV a);

    static abstract TV Neg(TV a);

    static abstract TV Sqrt(TV a);

    /// <summary>Round to the nearest integer, ties to even.</summary>
    static abstract TV Round(TV a);

    /// <summary>2^n for lanes holding integers n in [-126, 127].</summary>
    static abstract TV Pow2(TV n);

    /// <summary>Splits positive normal x into mantissa m in [1, 2) and exponent e (as float) with x = m·2^e.</summary>
    static abstract TV Frexp(TV x, out TV exponent);

    /// <summary>Comparisons give all-ones lanes where true, zero lanes where false.</summary>
    static abstract TV Equal(TV a, TV b);

    static abstract TV LessThan(TV a, TV b);

    static abstract TV LessOrEqual(TV a, TV b);

    static abstract TV IsNaN(TV a);

    /// <summary>Lane-wise mask ? a : b.</summary>
    static abstract TV Select(TV mask, TV a, TV b);

    /// <summary>1.0 where the mask lane is set, 0.0 elsewhere.</summary>
    static abstract TV MaskToOne(TV mask);

    static abstract float SumLanes(TV a);

    static abstract float MaxLanes(TV a);
}
