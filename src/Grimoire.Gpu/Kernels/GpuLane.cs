using Grimoire.Cpu.Simd;

namespace Grimoire.Gpu.Kernels;

/// <summary>One float lane in a GPU thread, so kernels evaluate the CPU kernels' <see cref="VMath"/> polynomials
/// (documented error bounds) rather than CUDA's approximate exp/tanh instructions (tanh.approx is good to
/// only about 2^-11). It is the scalar lane <see cref="Vec1"/> except where Vec1 uses what PTX code generation
/// rejects or may reject: MathF.FusedMultiplyAdd (here a plain multiply-add), MathF.Round with a rounding mode and
/// MathF.Abs. exp's eight-entry table (<see cref="Vec1.Exp2Eighths"/>) is a switch, not an array. The pointer members
/// exist for the interface and are never called on the device.</summary>
internal readonly unsafe struct GpuLane : IVec<float>
{
    public static int Count => Vec1.Count;

    public static float Load(float* p) => Vec1.Load(p);

    public static void Store(float* p, float v) => Vec1.Store(p, v);

    public static void StoreStreaming(float* p, float v) => Vec1.StoreStreaming(p, v);

    public static float Splat(float x) => x;

    public static float Add(float a, float b) => a + b;

    public static float Sub(float a, float b) => a - b;

    public static float Mul(float a, float b) => a * b;

    public static float Div(float a, float b) => a / b;

    public static float Fma(float a, float b, float c) => a * b + c;

    public static float Min(float a, float b) => Vec1.Min(a, b);

    public static float Max(float a, float b) => Vec1.Max(a, b);

    public static float Abs(float a) => a < 0f ? -a : a;

    public static float Neg(float a) => -a;

    public static float ApplySign(float magnitude, float sign) => Vec1.ApplySign(magnitude, sign);

    public static float Sqrt(float a) => ILGPU.Algorithms.XMath.Sqrt(a);

    public static float Round(float a) => ILGPU.Algorithms.XMath.Round(a);

    public static float Pow2Shifted(float shifted) => Vec1.Pow2Shifted(shifted);

    public static float Exp2Eighths(float shifted) => Vec1.Exp2Eighths(shifted);

    public static float Frexp(float x, out float exponent) => Vec1.Frexp(x, out exponent);

    public static float Equal(float a, float b) => Vec1.Equal(a, b);

    public static float LessThan(float a, float b) => Vec1.LessThan(a, b);

    public static float LessOrEqual(float a, float b) => Vec1.LessOrEqual(a, b);

    public static bool AllLessOrEqual(float a, float b) => Vec1.AllLessOrEqual(a, b);

    public static float IsNaN(float a) => Vec1.IsNaN(a);

    public static float Select(float mask, float a, float b) => Vec1.Select(mask, a, b);

    public static float SelectWhereSignBit(float sign, float a, float b) => Vec1.SelectWhereSignBit(sign, a, b);

    public static float MaskToOne(float mask) => Vec1.MaskToOne(mask);

    public static float SumLanes(float a) => a;

    public static float MaxLanes(float a) => a;
}
