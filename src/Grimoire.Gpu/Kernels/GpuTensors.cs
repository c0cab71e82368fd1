using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu.Kernels;

/// <summary>Device views of tensors for kernel launches, and the device (runtime) a kernel's output lives on.</summary>
internal static class GpuTensors
{
    /// <summary>The device whose stream and kernels the op uses: its output's.</summary>
    public static GpuRuntime Runtime(Tensor output) => ((GpuStorage)output.Storage).Runtime;

    /// <summary>The tensor's storage from its offset to the end: strided kernels index it with the tensor's strides.</summary>
    public static ArrayView<T> From<T>(Tensor t) where T : unmanaged
    {
        var all = ((GpuStorage)t.Storage).View<T>();
        return all.SubView(t.Offset, all.Length - t.Offset);
    }

    /// <summary>Exactly the tensor's elements; the tensor must be contiguous (the op contracts say which are).</summary>
    public static ArrayView<T> Dense<T>(Tensor t) where T : unmanaged => ((GpuStorage)t.Storage).View<T>().SubView(t.Offset, Math.Max(1, t.Size));

    /// <summary><paramref name="view"/> from element <paramref name="by"/> on.</summary>
    public static ArrayView<T> Skip<T>(ArrayView<T> view, long by) where T : unmanaged => view.SubView(by, view.Length - by);

    /// <summary>Launches a sliding-window kernel (input, output, geometry, count) over <paramref name="count"/> threads:
    /// unfold, fold and max pooling.</summary>
    public static void RunWindowed(Action<Index1D, ArrayView<float>, ArrayView<float>, WindowGeometry, int> kernel, Tensor input, Tensor output, int count, Ops.UnfoldGeometry g)
    {
        var runtime = Runtime(output);
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, WindowGeometry, int>>(kernel)(
            runtime.Stream, Extent(count), Dense<float>(input), Dense<float>(output), new WindowGeometry(g), count);
    }

    /// <summary>Threads for a one-thread-per-element launch; ILGPU rejects empty grids.</summary>
    public static int Extent(long count) => (int)Math.Max(1, count);
}

/// <summary>A sliding-window geometry passed to convolution and pooling kernels by value (no device upload per launch;
/// public because ILGPU's generated launchers must see it).</summary>
public struct WindowGeometry
{
    /// <summary>Input channels and image size, window size, stride, padding, output size and dilation.</summary>
    public int Channels, Height, Width, KernelHeight, KernelWidth, Stride, Padding, OutHeight, OutWidth, Dilation;

    internal WindowGeometry(Ops.UnfoldGeometry g) =>
        (Channels, Height, Width, KernelHeight, KernelWidth, Stride, Padding, OutHeight, OutWidth, Dilation) =
        (g.Channels, g.Height, g.Width, g.KernelHeight, g.KernelWidth, g.Stride, g.Padding, g.OutHeight, g.OutWidth, g.Dilation);
}
