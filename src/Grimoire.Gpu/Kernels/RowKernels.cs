using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using Grimoire.Cpu.Simd;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>softmax and log_softmax per row (three passes with the max subtracted: one thread per short row, one
/// group with tree reductions per long row), and the
/// two scalar losses: cross_entropy and mse, whose per-row or per-element terms are summed by one group.</summary>
internal static class RowKernels
{
    /// <summary>Rows up to this long are normalised by one thread each.</summary>
    private const int ShortRow = 64;

    [GpuKernel]
    private static void SoftmaxShortKernel(Index1D index, ArrayView<float> x, ArrayView<float> y, int rows, int cols, int log)
    {
        int r = index;
        if (r >= rows) return;
        long start = (long)r * cols;
        var max = float.NegativeInfinity;
        for (var c = 0; c < cols; c++) max = XMath.Max(max, x[start + c]);
        var sum = 0f;
        for (var c = 0; c < cols; c++) sum += Exp(x[start + c] - max);
        Normalise(x, y, start, cols, 0, 1, max, sum, log);
    }

    /// <summary>One group per row (grid x = row): max and sum of exponentials by group trees.</summary>
    [GpuKernel(ExplicitlyGrouped = true)]
    private static void SoftmaxLongKernel(ArrayView<float> x, ArrayView<float> y, int cols, int log)
    {
        long start = (long)Grid.IdxX * cols;
        var max = float.NegativeInfinity;
        for (var c = Group.IdxX; c < cols; c += Group.DimX) max = XMath.Max(max, x[start + c]);
        max = GroupReduce.Across(max, isMax: 1);
        var sum = 0f;
        for (var c = Group.IdxX; c < cols; c += Group.DimX) sum += Exp(x[start + c] - max);
        sum = GroupReduce.Across(sum, isMax: 0);
        Normalise(x, y, start, cols, Group.IdxX, Group.DimX, max, sum, log);
    }

    /// <summary>Writes e^(x−max)/sum or x−max−ln sum for columns first, first+step, … of the row.</summary>
    private static void Normalise(ArrayView<float> x, ArrayView<float> y, long start, int cols, int first, int step, float max, float sum, int log)
    {
        var logSum = VMath.Log<GpuLane, float>(sum);
        for (var c = first; c < cols; c += step)
            y[start + c] = log != 0 ? x[start + c] - max - logSum : Exp(x[start + c] - max) / sum;
    }

    private static float Exp(float x) => VMath.Exp<GpuLane, float>(x);

    /// <summary>One group: each thread takes every group-size-th row, the row losses are then summed by a tree.</summary>
    [GpuKernel(ExplicitlyGrouped = true)]
    private static void CrossEntropyKernel(ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> y, int rows, int cols)
    {
        var losses = default(CompensatedSum);
        for (var r = Group.IdxX; r < rows; r += Group.DimX)
        {
            long start = (long)r * cols;
            var max = float.NegativeInfinity;
            for (var c = 0; c < cols; c++) max = XMath.Max(max, logits[start + c]);
            var sum = 0f;
            for (var c = 0; c < cols; c++) sum += Exp(logits[start + c] - max);
            var label = labels[r];
            // Labels are checked before the launch (IndexFaults); a bad one makes the loss NaN instead of reading past the row.
            losses.Add((uint)label < (uint)cols ? max + VMath.Log<GpuLane, float>(sum) - logits[start + label] : float.NaN);
        }
        var total = GroupReduce.Across(losses.Sum, isMax: 0);
        if (Group.IdxX == 0) y[0] = rows == 0 ? float.NaN : total / rows;
    }

    /// <summary>One group: strided compensated partial sums of squared differences, then a tree.</summary>
    [GpuKernel(ExplicitlyGrouped = true)]
    private static void MseKernel(ArrayView<float> a, ArrayView<float> b, ArrayView<float> y, int count)
    {
        var sum = default(CompensatedSum);
        for (var i = Group.IdxX; i < count; i += Group.DimX)
        {
            var d = a[i] - b[i];
            sum.Add(d * d);
        }
        var total = GroupReduce.Across(sum.Sum, isMax: 0);
        if (Group.IdxX == 0) y[0] = count == 0 ? float.NaN : total / count;
    }

    public static KernelBody Softmax(bool log) => (inputs, output, attributes) =>
    {
        var runtime = GpuTensors.Runtime(output);
        var s = (ReduceAttributes)attributes!;
        if (s.Length > ShortRow && s.Outer > 0)
        {
            runtime.Grouped<Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, int>>(SoftmaxLongKernel)(
                runtime.Stream, new KernelConfig(s.Outer, runtime.GroupSize), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(output), s.Length, log ? 1 : 0);
            return;
        }
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, int, int, int>>(SoftmaxShortKernel)(
            runtime.Stream, GpuTensors.Extent(s.Outer), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(output), s.Outer, s.Length, log ? 1 : 0);
    };

    public static void CrossEntropy(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        runtime.Grouped<Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int>>(CrossEntropyKernel)(
                runtime.Stream, new KernelConfig(1, runtime.GroupSize), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<int>(inputs[1]), GpuTensors.Dense<float>(output), inputs[0].Shape[0], inputs[0].Shape[1]);
    }

    public static void Mse(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        runtime.Grouped<Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>>(MseKernel)(
                runtime.Stream, new KernelConfig(1, runtime.GroupSize), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(inputs[1]), GpuTensors.Dense<float>(output), inputs[0].Size);
    }
}
