using Grimoire.Cpu.Simd;
using ILGPU.Algorithms;

namespace Grimoire.Gpu.Kernels;

/// <summary>Scalar element functions shared by the elementwise kernels, selected by an op code so one compiled
/// kernel serves a whole family. Only PTX-safe math here (see the toolchain notes: no Math.Clamp, no MathF.FusedMultiplyAdd).</summary>
internal static class ElementFunctions
{
    public static readonly string[] UnaryOps = [Ops.OpNames.Neg, Ops.OpNames.Exp, Ops.OpNames.Log, Ops.OpNames.Sqrt, Ops.OpNames.Abs,
        Ops.OpNames.Tanh, Ops.OpNames.Sigmoid, Ops.OpNames.Relu, Ops.OpNames.LeakyRelu,
        Ops.OpNames.Sin, Ops.OpNames.Cos, Ops.OpNames.Log1p, Ops.OpNames.Expm1, Ops.OpNames.Erf, Ops.OpNames.Gelu, Ops.OpNames.Silu,
        Ops.OpNames.Softplus, Ops.OpNames.Clamp];

    public static readonly string[] BinaryOps = [Ops.OpNames.Add, Ops.OpNames.Sub, Ops.OpNames.Mul, Ops.OpNames.Div, Ops.OpNames.Maximum, Ops.OpNames.Pow,
        Ops.OpNames.Eq, Ops.OpNames.Ne, Ops.OpNames.Lt, Ops.OpNames.Le, Ops.OpNames.Gt, Ops.OpNames.Ge,
        Ops.OpNames.Minimum];

    /// <summary>p and q are the op's <see cref="Ops.UnaryParameters"/>; gelu's code stands for its exact form, and
    /// <see cref="GeluTanh"/> for its tanh form.</summary>
    public static float Unary(int op, float x, float p, float q) => op switch
    {
        0 => -x,
        1 => VMath.Exp<GpuLane, float>(x),
        2 => VMath.Log<GpuLane, float>(x),
        3 => XMath.Sqrt(x),
        4 => XMath.Abs(x),
        5 => VMath.Tanh<GpuLane, float>(x),
        6 => VMath.Sigmoid<GpuLane, float>(x),
        7 => x > 0f || float.IsNaN(x) ? x : 0f,
        8 => x > 0f ? x : p * x,
        9 => VMath.Sin<GpuLane, float>(x),
        10 => VMath.Cos<GpuLane, float>(x),
        11 => VMath.Log1p<GpuLane, float>(x),
        12 => VMath.Expm1<GpuLane, float>(x),
        13 => VMath.Erf<GpuLane, float>(x),
        14 => VMath.Gelu<GpuLane, float>(x),
        15 => VMath.Silu<GpuLane, float>(x),
        16 => VMath.Softplus<GpuLane, float>(x, p, q),
        17 => Clamp(x, p, q),
        _ => VMath.GeluTanh<GpuLane, float>(x),
    };

    /// <summary>Raised to the lower bound, then lowered to the upper (so lower &gt; upper gives upper); comparisons with
    /// NaN are false, so NaN passes through.</summary>
    private static float Clamp(float x, float lower, float upper)
    {
        var raised = x < lower ? lower : x;
        return upper < raised ? upper : raised;
    }

    /// <summary>The op code of gelu's tanh form: past the list, so it takes <see cref="Unary"/>'s last arm.</summary>
    public static readonly int GeluTanh = UnaryOps.Length;

    public static float Binary(int op, float a, float b) => op switch
    {
        0 => a + b,
        1 => a - b,
        2 => a * b,
        3 => a / b,
        4 => float.IsNaN(a) || a >= b ? a : b,
        5 => XMath.Pow(a, b),
        6 => a == b ? 1f : 0f,
        7 => a != b ? 1f : 0f,
        8 => a < b ? 1f : 0f,
        9 => a <= b ? 1f : 0f,
        10 => a > b ? 1f : 0f,
        11 => a >= b ? 1f : 0f,
        _ => float.IsNaN(a) || a <= b ? a : b, // minimum: NaN in b fails the comparison and is taken
    };

    /// <summary>The epilogue activations, numbered as <see cref="Activation"/>.</summary>
    public static float Activate(int activation, float z) => activation switch
    {
        1 => z > 0f || float.IsNaN(z) ? z : 0f,
        2 => VMath.Sigmoid<GpuLane, float>(z),
        3 => VMath.Tanh<GpuLane, float>(z),
        _ => z,
    };
}
