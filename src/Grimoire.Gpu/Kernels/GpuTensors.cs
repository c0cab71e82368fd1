using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu.Kernels;

/// <summary>Device views of tensors for kernel launches, and the small metadata buffers strided kernels read.</summary>
internal static class GpuTensors
{
    /// <summary>The tensor's storage from its offset to the end: strided kernels index it with the tensor's strides.</summary>
    public static ArrayView<T> From<T>(Tensor t) where T : unmanaged
    {
        var all = ((GpuStorage)t.Storage).View<T>();
        return all.SubView(t.Offset, all.Length - t.Offset);
    }

    /// <summary>Exactly the tensor's elements; the tensor must be contiguous (the op contracts say which are).</summary>
    public static ArrayView<T> Dense<T>(Tensor t) where T : unmanaged => ((GpuStorage)t.Storage).View<T>().SubView(t.Offset, Math.Max(1, t.Size));

    /// <summary>Shape and per-operand strides as [rank, dims…, strides of operand 0…, strides of operand 1…, …]
    /// (see <see cref="Strided.Offset"/>); the caller disposes the buffer after the launch has finished.</summary>
    public static MemoryBuffer1D<int, Stride1D.Dense> Layout(params ReadOnlySpan<Tensor> operands)
    {
        var shape = operands[0].Shape;
        var meta = new List<int> { shape.Rank };
        meta.AddRange(shape.ToArray());
        foreach (var t in operands) meta.AddRange(t.Strides.ToArray());
        return GpuRuntime.Instance.Accelerator.Allocate1D(meta.ToArray());
    }

    /// <summary>A sliding-window geometry as [channels, height, width, kh, kw, stride, padding, outH, outW, dilation], the
    /// layout the convolution and pooling kernels read; the caller disposes it after the launch.</summary>
    public static MemoryBuffer1D<int, Stride1D.Dense> Geometry(Ops.UnfoldGeometry g) =>
        GpuRuntime.Instance.Accelerator.Allocate1D(new[] { g.Channels, g.Height, g.Width, g.KernelHeight, g.KernelWidth, g.Stride, g.Padding, g.OutHeight, g.OutWidth, g.Dilation });

    /// <summary>Launches a sliding-window kernel (input, output, geometry, count) over <paramref name="count"/>
    /// threads and waits for it: unfold, fold and max pooling.</summary>
    public static void RunWindowed(Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, int> kernel, Tensor input, Tensor output, int count, Ops.UnfoldGeometry g)
    {
        using var geometry = Geometry(g);
        GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, int>>(kernel)(
            Stream, Extent(count), Dense<float>(input), Dense<float>(output), geometry.View, count);
        Stream.Synchronize();
    }

    public static AcceleratorStream Stream => GpuRuntime.Instance.Stream;

    /// <summary>Threads for a one-thread-per-element launch; ILGPU rejects empty grids.</summary>
    public static int Extent(long count) => (int)Math.Max(1, count);
}

/// <summary>Kernel-side address arithmetic for strided operands described by <see cref="GpuTensors.Layout"/>.</summary>
internal static class Strided
{
    /// <summary>Element offset of row-major index <paramref name="linear"/> in operand <paramref name="operand"/>.</summary>
    public static long Offset(long linear, ArrayView<int> meta, int operand)
    {
        var rank = meta[0];
        long offset = 0;
        for (var axis = rank - 1; axis >= 0; axis--)
        {
            var dim = meta[1 + axis];
            offset += linear % dim * meta[1 + rank * (1 + operand) + axis];
            linear /= dim;
        }
        return offset;
    }
}
