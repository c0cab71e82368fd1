using ILGPU;
using ILGPU.Runtime;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>concat, gather and scatter_add over [outer, axis, inner] layouts; scatter_add accumulates with atomics.</summary>
/// <remarks>ILGPU's CPU accelerator runs a float <c>Atomic.Add</c> as a compare-and-swap loop that compares float
/// values, so once a NaN sits in the target the loop never ends; there (<c>bitwise</c> = 1) scatter_add swaps the
/// float's bits as an int instead, which terminates on any value. CUDA keeps its native float atomic.</remarks>
internal static class IndexKernels
{
    [GpuKernel]
    private static void ConcatPart(Index1D index, ArrayView<float> part, ArrayView<float> y, int outer, int size, int inner, int total, int start)
    {
        int i = index;
        if (i >= outer * size * inner) return;
        var o = i / (size * inner);
        var rest = i % (size * inner);
        y[(long)o * total * inner + (long)start * inner + rest] = part[i];
    }

    [GpuKernel]
    private static void GatherFloat(Index1D index, ArrayView<float> x, ArrayView<int> indices, ArrayView<float> y, int outer, int length, int k, int inner) =>
        GatherAt(index, x, indices, y, outer, length, k, inner);

    /// <summary>int32 rows too: mini-batches gather their labels on the device.</summary>
    [GpuKernel]
    private static void GatherInt(Index1D index, ArrayView<int> x, ArrayView<int> indices, ArrayView<int> y, int outer, int length, int k, int inner) =>
        GatherAt(index, x, indices, y, outer, length, k, inner);

    private static void GatherAt<T>(Index1D index, ArrayView<T> x, ArrayView<int> indices, ArrayView<T> y, int outer, int length, int k, int inner) where T : unmanaged
    {
        int i = index;
        if (i >= outer * k * inner) return;
        var o = i / (k * inner);
        var at = indices[i / inner % k];
        // Checked before the launch (IndexFaults); a bad index reads nothing and the op fails at the next read back.
        y[i] = (uint)at < (uint)length ? x[((long)o * length + at) * inner + i % inner] : default;
    }

    [GpuKernel]
    private static void ScatterAddKernel(Index1D index, ArrayView<float> src, ArrayView<int> indices, ArrayView<float> y, int outer, int length, int k, int inner, int bitwise)
    {
        int i = index;
        if (i >= outer * k * inner) return;
        var o = i / (k * inner);
        var at = indices[i / inner % k];
        if ((uint)at >= (uint)length) return;
        var target = ((long)o * length + at) * inner + i % inner;
        if (bitwise == 0) Atomic.Add(ref y[target], src[i]);
        else AddByBits(y.Cast<int>(), target, src[i]);
    }

    /// <summary>Atomically adds <paramref name="value"/> to the float whose bits sit at <paramref name="bits"/>[at],
    /// retrying while another thread changed them; bit patterns compare equal even when they hold a NaN.</summary>
    private static void AddByBits(ArrayView<int> bits, long at, float value)
    {
        var seen = bits[at];
        while (true)
        {
            var prior = Atomic.CompareExchange(ref bits[at], seen, (int)Interop.FloatAsInt(Interop.IntAsFloat((uint)seen) + value));
            if (prior == seen) return;
            seen = prior;
        }
    }

    /// <summary>Records check <paramref name="id"/> as failed when an index lies outside [0, bound).</summary>
    [GpuKernel]
    private static void CheckKernel(Index1D index, ArrayView<int> indices, ArrayView<int> faults, int count, int bound, int id)
    {
        int i = index;
        if (i < count && (uint)indices[i] >= (uint)bound) Atomic.CompareExchange(ref faults[0], 0, id);
    }

    /// <summary>Queues the range check of <paramref name="indices"/> (see <see cref="IndexFaults"/>).</summary>
    public static void Check(string op, Tensor indices, int bound)
    {
        var runtime = GpuTensors.Runtime(indices);
        using var dense = indices.Contiguous();
        var (id, drain) = runtime.Faults.Register($"{op}: an index is out of range [0, {bound}) (checked on the {runtime.Name} device, reported at the first read back after the op)");
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<int>, int, int, int>>(CheckKernel)(
            runtime.Stream, GpuTensors.Extent(dense.Size), GpuTensors.Dense<int>(dense), runtime.Faults.Word, dense.Size, bound, id);
        if (drain) runtime.Synchronize();
    }

    public static void Concat(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        var s = (ConcatAttributes)attributes!;
        var total = s.Sizes.Sum();
        var launch = runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, int, int, int, int, int>>(ConcatPart);
        var start = 0;
        for (var p = 0; p < inputs.Length; p++)
        {
            if (inputs[p].Size > 0)
                launch(runtime.Stream, GpuTensors.Extent(inputs[p].Size), GpuTensors.Dense<float>(inputs[p]), GpuTensors.Dense<float>(output), s.Outer, s.Sizes[p], s.Inner, total, start);
            start += s.Sizes[p];
        }
    }

    public static void Gather(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        var s = (AxisAttributes)attributes!;
        var k = inputs[1].Size;
        if (output.DType == DType.Int32)
        {
            runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int, int, int, int>>(GatherInt)(
                runtime.Stream, GpuTensors.Extent(output.Size), GpuTensors.Dense<int>(inputs[0]), GpuTensors.Dense<int>(inputs[1]), GpuTensors.Dense<int>(output), s.Outer, s.Length, k, s.Inner);
            return;
        }
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int, int, int>>(GatherFloat)(
            runtime.Stream, GpuTensors.Extent(output.Size), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<int>(inputs[1]), GpuTensors.Dense<float>(output), s.Outer, s.Length, k, s.Inner);
    }

    public static void ScatterAdd(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        var s = (AxisAttributes)attributes!;
        var k = inputs[1].Size;
        var bitwise = runtime.Accelerator.AcceleratorType == AcceleratorType.CPU ? 1 : 0;
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int, int, int, int>>(ScatterAddKernel)(
            runtime.Stream, GpuTensors.Extent(inputs[0].Size), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<int>(inputs[1]), GpuTensors.Dense<float>(output), s.Outer, s.Length, k, s.Inner, bitwise);
    }
}
