using Grimoire.Cpu.Simd;

namespace Grimoire.Cpu.Kernels;

/// <summary>An elementwise function of one operand, written once for every SIMD width.</summary>
internal interface IUnaryFunction
{
    static abstract TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct;
}

/// <summary>An elementwise function of one operand and two parameters (<see cref="Grimoire.Ops.UnaryParameters"/>),
/// written once for every SIMD width.</summary>
internal interface IParameterisedFunction
{
    static abstract TV Apply<TW, TV>(TV x, TV p, TV q) where TW : IVec<TV> where TV : struct;
}

/// <summary>A one-parameter function run by the two-parameter loop.</summary>
internal struct WithAlpha<TF> : IParameterisedFunction where TF : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV p, TV q) where TW : IVec<TV> where TV : struct => TF.Apply<TW, TV>(x, p);
}

/// <summary>An elementwise function of two operands, written once for every SIMD width.</summary>
internal interface IBinaryFunction
{
    static abstract TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct;
}

internal struct NegFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => TW.Neg(x);
}

internal struct ExpFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => VMath.Exp<TW, TV>(x);
}

internal struct LogFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => VMath.Log<TW, TV>(x);
}

internal struct SqrtFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => TW.Sqrt(x);
}

internal struct AbsFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => TW.Abs(x);
}

internal struct TanhFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => VMath.Tanh<TW, TV>(x);
}

internal struct SigmoidFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => VMath.Sigmoid<TW, TV>(x);
}

internal struct ReluFn : IUnaryFunction
{
    // Select rather than max(x, 0) so NaN propagates as in the reference.
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct =>
        TW.Select(TW.LessOrEqual(x, TW.Splat(0f)), TW.Splat(0f), x);
}

internal struct LeakyReluFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct =>
        TW.Select(TW.LessOrEqual(x, TW.Splat(0f)), TW.Mul(x, alpha), x);
}

internal struct AddFn : IBinaryFunction
{
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => TW.Add(a, b);
}

internal struct SubFn : IBinaryFunction
{
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => TW.Sub(a, b);
}

internal struct MulFn : IBinaryFunction
{
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => TW.Mul(a, b);
}

internal struct DivFn : IBinaryFunction
{
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => TW.Div(a, b);
}

internal struct MaximumFn : IBinaryFunction
{
    // NaN in either operand gives NaN, as Math.Max does.
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct =>
        TW.Select(TW.IsNaN(b), b, TW.Select(TW.LessThan(a, b), b, a));
}

internal struct PowFn : IBinaryFunction
{
    /// <summary>a^b = e^(b·ln|a|), with the sign of a restored for integer b and IEEE pow's special cases.</summary>
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct
    {
        var zero = TW.Splat(0f);
        var (yes, no) = (TW.Equal(zero, zero), TW.LessThan(zero, zero));
        var magnitude = VMath.Exp<TW, TV>(TW.Mul(b, VMath.Log<TW, TV>(TW.Abs(a))));
        var integral = TW.Equal(TW.Round(b), b);
        var half = TW.Mul(b, TW.Splat(0.5f));
        var odd = TW.Select(integral, TW.Select(TW.Equal(TW.Round(half), half), no, yes), no);
        var negative = TW.Select(integral, TW.Select(odd, TW.Neg(magnitude), magnitude), TW.Splat(float.NaN));
        var result = TW.Select(TW.LessThan(a, zero), negative, magnitude);
        return TW.Select(TW.Equal(b, zero), TW.Splat(1f), result);
    }
}

internal struct EqFn : IBinaryFunction
{
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => TW.MaskToOne(TW.Equal(a, b));
}

internal struct NeFn : IBinaryFunction
{
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct =>
        TW.Select(TW.Equal(a, b), TW.Splat(0f), TW.Splat(1f));
}

internal struct LtFn : IBinaryFunction
{
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => TW.MaskToOne(TW.LessThan(a, b));
}

internal struct LeFn : IBinaryFunction
{
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => TW.MaskToOne(TW.LessOrEqual(a, b));
}

internal struct GtFn : IBinaryFunction
{
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => TW.MaskToOne(TW.LessThan(b, a));
}

internal struct GeFn : IBinaryFunction
{
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => TW.MaskToOne(TW.LessOrEqual(b, a));
}

internal struct SinFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => VMath.Sin<TW, TV>(x);
}

internal struct CosFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => VMath.Cos<TW, TV>(x);
}

internal struct Log1pFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => VMath.Log1p<TW, TV>(x);
}

internal struct Expm1Fn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => VMath.Expm1<TW, TV>(x);
}

internal struct ErfFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => VMath.Erf<TW, TV>(x);
}

internal struct GeluFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => VMath.Gelu<TW, TV>(x);
}

internal struct GeluTanhFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => VMath.GeluTanh<TW, TV>(x);
}

/// <summary>a = the gradient ∂y, b = x: ∂y·gelu′(x).</summary>
internal struct GeluBackwardFn : IBinaryFunction
{
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => TW.Mul(a, VMath.GeluDerivative<TW, TV>(b));
}

/// <summary>a = the gradient ∂y, b = x: ∂y times the derivative of gelu's tanh form.</summary>
internal struct GeluTanhBackwardFn : IBinaryFunction
{
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct => TW.Mul(a, VMath.GeluTanhDerivative<TW, TV>(b));
}

internal struct SiluFn : IUnaryFunction
{
    public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => VMath.Silu<TW, TV>(x);
}

/// <summary>p = β, q = threshold.</summary>
internal struct SoftplusFn : IParameterisedFunction
{
    public static TV Apply<TW, TV>(TV x, TV p, TV q) where TW : IVec<TV> where TV : struct => VMath.Softplus<TW, TV>(x, p, q);
}

/// <summary>p = lower bound, q = upper bound (infinite when absent). Selects rather than max/min so NaN propagates.</summary>
internal struct ClampFn : IParameterisedFunction
{
    public static TV Apply<TW, TV>(TV x, TV p, TV q) where TW : IVec<TV> where TV : struct
    {
        var raised = TW.Select(TW.LessThan(x, p), p, x);
        return TW.Select(TW.LessThan(q, raised), q, raised);
    }
}

internal struct MinimumFn : IBinaryFunction
{
    // NaN in either operand gives NaN, as Math.Min does; ties give a.
    public static TV Apply<TW, TV>(TV a, TV b) where TW : IVec<TV> where TV : struct =>
        TW.Select(TW.IsNaN(b), b, TW.Select(TW.LessThan(b, a), b, a));
}
