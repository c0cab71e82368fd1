using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>softmax and log_softmax per row (one thread per row, three passes with the max subtracted), and the
/// two scalar losses: cross_entropy and mse, whose per-row or per-element terms are summed by one group.</summary>
internal static class RowKernels
{
    private static readonly KernelConfig SingleGroup = new(1, GpuRuntime.Instance.GroupSize);

    [GpuKernel]
    private static void SoftmaxKernel(Index1D index, ArrayView<float> x, ArrayView<float> y, int rows, int cols, int log)
    {
        int r = index;
        if (r >= rows) return;
        long start = (long)r * cols;
        var max = float.NegativeInfinity;
        for (var c = 0; c < cols; c++) max = XMath.Max(max, x[start + c]);
        var sum = 0f;
        for (var c = 0; c < cols; c++) sum += XMath.Exp(x[start + c] - max);
        var logSum = XMath.Log(sum);
        for (var c = 0; c < cols; c++)
            y[start + c] = log != 0 ? x[start + c] - max - logSum : XMath.Exp(x[start + c] - max) / sum;
    }

    /// <summary>One group: each thread takes every group-size-th row, the row losses are then summed by a tree.</summary>
    [GpuKernel(ExplicitlyGrouped = true)]
    private static void CrossEntropyKernel(ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> y, int rows, int cols)
    {
        var total = 0f;
        for (var r = Group.IdxX; r < rows; r += Group.DimX)
        {
            long start = (long)r * cols;
            var max = float.NegativeInfinity;
            for (var c = 0; c < cols; c++) max = XMath.Max(max, logits[start + c]);
            var sum = 0f;
            for (var c = 0; c < cols; c++) sum += XMath.Exp(logits[start + c] - max);
            total += max + XMath.Log(sum) - logits[start + labels[r]];
        }
        total = GroupReduce.Across(total, isMax: 0);
        if (Group.IdxX == 0) y[0] = rows == 0 ? float.NaN : total / rows;
    }

    /// <summary>One group: strided partial sums of squared differences, then a tree.</summary>
    [GpuKernel(ExplicitlyGrouped = true)]
    private static void MseKernel(ArrayView<float> a, ArrayView<float> b, ArrayView<float> y, int count)
    {
        var sum = 0f;
        for (var i = Group.IdxX; i < count; i += Group.DimX)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }
        sum = GroupReduce.Across(sum, isMax: 0);
        if (Group.IdxX == 0) y[0] = count == 0 ? float.NaN : sum / count;
    }

    public static KernelBody Softmax(bool log) => (inputs, output, attributes) =>
    {
        var s = (ReduceAttributes)attributes!;
        GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, int, int, int>>(SoftmaxKernel)(
            GpuTensors.Stream, GpuTensors.Extent(s.Outer), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(output), s.Outer, s.Length, log ? 1 : 0);
    };

    public static void CrossEntropy(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) =>
        GpuRuntime.Instance.Grouped<Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int>>(CrossEntropyKernel)(
            GpuTensors.Stream, new KernelConfig(1, GpuRuntime.Instance.GroupSize), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<int>(inputs[1]), GpuTensors.Dense<float>(output), inputs[0].Shape[0], inputs[0].Shape[1]);

    public static void Mse(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) =>
        GpuRuntime.Instance.Grouped<Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>>(MseKernel)(
            GpuTensors.Stream, new KernelConfig(1, GpuRuntime.Instance.GroupSize), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(inputs[1]), GpuTensors.Dense<float>(output), inputs[0].Size);
}
