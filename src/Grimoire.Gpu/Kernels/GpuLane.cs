using Grimoire.Cpu.Simd;

namespace Grimoire.Gpu.Kernels;

/// <summary>One float lane in a GPU thread, so kernels evaluate the CPU kernels' <see cref="VMath"/> polynomials
/// (documented error bounds) rather than CUDA's approximate exp/tanh instructions (tanh.approx is good to
/// only about 2^-11). Only PTX-safe operations: plain multiply-add, no MathF.FusedMultiplyAdd or Math.Clamp.
/// The pointer members exist for the interface and are never called on the device.</summary>
internal readonly unsafe struct GpuLane : IVec<float>
{
    private const float AllOnes = float.NaN; // stands for an all-true lane; only tested through bits

    public static int Count => 1;

    public static float Load(float* p) => *p;

    public static void Store(float* p, float v) => *p = v;

    public static void StoreStreaming(float* p, float v) => *p = v;

    public static float Splat(float x) => x;

    public static float Add(float a, float b) => a + b;

    public static float Sub(float a, float b) => a - b;

    public static float Mul(float a, float b) => a * b;

    public static float Div(float a, float b) => a / b;

    public static float Fma(float a, float b, float c) => a * b + c;

    public static float Min(float a, float b) => a < b ? a : b;

    public static float Max(float a, float b) => a > b ? a : b;

    public static float Abs(float a) => a < 0f ? -a : a;

    public static float Neg(float a) => -a;

    public static float Sqrt(float a) => ILGPU.Algorithms.XMath.Sqrt(a);

    public static float Round(float a) => ILGPU.Algorithms.XMath.Round(a);

    public static float Pow2(float n) => BitConverter.Int32BitsToSingle(((int)n + 127) << 23);

    public static float Frexp(float x, out float exponent)
    {
        var bits = BitConverter.SingleToInt32Bits(x);
        exponent = (bits >>> 23) - 127;
        return BitConverter.Int32BitsToSingle((bits & 0x007FFFFF) | 0x3F800000);
    }

    public static float Equal(float a, float b) => a == b ? AllOnes : 0f;

    public static float LessThan(float a, float b) => a < b ? AllOnes : 0f;

    public static float LessOrEqual(float a, float b) => a <= b ? AllOnes : 0f;

    public static float IsNaN(float a) => float.IsNaN(a) ? AllOnes : 0f;

    public static float Select(float mask, float a, float b) => BitConverter.SingleToInt32Bits(mask) != 0 ? a : b;

    public static float MaskToOne(float mask) => BitConverter.SingleToInt32Bits(mask) != 0 ? 1f : 0f;

    public static float SumLanes(float a) => a;

    public static float MaxLanes(float a) => a;
}
