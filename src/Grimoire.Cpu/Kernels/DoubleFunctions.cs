using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Grimoire.Cpu.Reference;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>Float64 kernels of the trigonometric, special and activation functions over the contiguous input in chunks
/// per core: TensorPrimitives where it has the function (sin, cos; silu as σ(x)·x; clamp as max then min, both
/// NaN-propagating), else the reference's own double function (<see cref="ScalarMath"/>) in a plain loop, which
/// saves the reference's per-element index arithmetic.</summary>
internal static unsafe class DoubleFunctions
{
    public static readonly string[] Ops = [OpNames.Sin, OpNames.Cos, OpNames.Log1p, OpNames.Expm1, OpNames.Erf, OpNames.Gelu, OpNames.Silu, OpNames.Softplus, OpNames.Clamp];

    public static KernelBody For(string op) => (inputs, output, attributes) =>
    {
        var (x, y) = ((nint)inputs[0].HostPointer<double>(), (nint)output.HostPointer<double>());
        var scalar = ReferenceKernels.UnaryFunction(op, attributes);
        CpuParallel.For(output.Size, CpuParallel.MinElementsPerThread, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
        {
            ReadOnlySpan<double> src = new((double*)x + start, end - start);
            var dst = new Span<double>((double*)y + start, end - start);
            switch (op)
            {
                case OpNames.Sin: TensorPrimitives.Sin(src, dst); break;
                case OpNames.Cos: TensorPrimitives.Cos(src, dst); break;
                case OpNames.Silu:
                    TensorPrimitives.Sigmoid(src, dst);
                    TensorPrimitives.Multiply(dst, src, dst);
                    break;
                case OpNames.Clamp:
                    var bounds = (ClampAttributes)attributes!;
                    TensorPrimitives.Max(src, bounds.Lower, dst);
                    TensorPrimitives.Min(dst, bounds.Upper, dst);
                    break;
                default:
                    for (var i = 0; i < src.Length; i++) dst[i] = scalar(src[i]);
                    break;
            }
        });
    };
}
