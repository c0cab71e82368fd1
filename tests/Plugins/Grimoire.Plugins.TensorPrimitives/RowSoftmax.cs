using Tp = System.Numerics.Tensors.TensorPrimitives;
using Grimoire.Ops;

namespace Grimoire.Plugins.TensorPrimitives;

/// <summary>Softmax over the rows of a contiguous [rows, cols] input.</summary>
internal static class RowSoftmax
{
    public static void Run(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var shape = (ReduceAttributes)attributes!;
        if (shape.Length == 0) return; // no elements; Tp.Max rejects empty spans
        ReadOnlySpan<float> x = inputs[0].HostSpan<float>();
        Span<float> y = output.HostSpan<float>();
        for (var row = 0; row < shape.Outer; row++)
        {
            var source = x.Slice(row * shape.Length, shape.Length);
            var target = y.Slice(row * shape.Length, shape.Length);
            // Tp.SoftMax does not subtract the maximum, so logits above ~88 would overflow exp.
            Tp.Subtract(source, Tp.Max(source), target);
            Tp.SoftMax(target, target);
        }
    }
}
