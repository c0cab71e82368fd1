using ILGPU;
using ILGPU.Runtime;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>Max pooling, one thread per output element, and its gradient, one thread per input pixel: each pixel
/// sums the gradients of the windows that cover it and whose first pixel equal to the pooled value it is, so no
/// atomics are needed and the result does not depend on thread order. The geometry is a
/// <see cref="WindowGeometry"/> argument.</summary>
internal static class PoolingKernels
{
    [GpuKernel]
    private static void ForwardKernel(Index1D index, ArrayView<float> x, ArrayView<float> y, WindowGeometry g, int count)
    {
        int e = index;
        if (e >= count) return;
        int height = g.Height, width = g.Width, k = g.KernelHeight, stride = g.Stride, padding = g.Padding, outH = g.OutHeight, outW = g.OutWidth;
        var positions = outH * outW;
        var plane = (long)(e / positions) * height * width;
        var (top, left) = (e % positions / outW * stride - padding, e % outW * stride - padding);
        var max = float.NegativeInfinity;
        for (var iy = Math.Max(0, top); iy < Math.Min(height, top + k); iy++)
        for (var ix = Math.Max(0, left); ix < Math.Min(width, left + k); ix++)
        {
            var v = x[plane + iy * width + ix];
            max = float.IsNaN(v) || v > max ? v : max;
        }
        y[e] = max;
    }

    [GpuKernel]
    private static void BackwardKernel(Index1D index, ArrayView<float> grad, ArrayView<float> x, ArrayView<float> pooled, ArrayView<float> dx, WindowGeometry g, int count)
    {
        int e = index;
        if (e >= count) return;
        int height = g.Height, width = g.Width, k = g.KernelHeight, stride = g.Stride, padding = g.Padding, outH = g.OutHeight, outW = g.OutWidth;
        var pixels = height * width;
        var planeIndex = e / pixels;
        var plane = (long)planeIndex * pixels;
        var (iy, ix) = (e % pixels / width, e % width);
        // Windows oy with oy·s − p ≤ iy ≤ oy·s − p + k − 1; a negative numerator truncates to at most 0, clipped anyway.
        var (oy0, oy1) = (Math.Max(0, (iy + padding - k + stride) / stride), Math.Min(outH - 1, (iy + padding) / stride));
        var (ox0, ox1) = (Math.Max(0, (ix + padding - k + stride) / stride), Math.Min(outW - 1, (ix + padding) / stride));
        var sum = 0f;
        for (var oy = oy0; oy <= oy1; oy++)
        for (var ox = ox0; ox <= ox1; ox++)
        {
            var window = (long)planeIndex * outH * outW + oy * outW + ox;
            if (FirstEqual(x, plane, g, oy, ox, pooled[window]) == e - plane) sum += grad[window];
        }
        dx[e] = sum;
    }

    /// <summary>Offset within the plane of window (oy, ox)'s first pixel equal to <paramref name="target"/> (NaN
    /// matching NaN), or −1.</summary>
    private static int FirstEqual(ArrayView<float> x, long plane, WindowGeometry g, int oy, int ox, float target)
    {
        int height = g.Height, width = g.Width, k = g.KernelHeight, stride = g.Stride, padding = g.Padding;
        var (top, left) = (oy * stride - padding, ox * stride - padding);
        for (var iy = Math.Max(0, top); iy < Math.Min(height, top + k); iy++)
        for (var ix = Math.Max(0, left); ix < Math.Min(width, left + k); ix++)
        {
            var v = x[plane + iy * width + ix];
            if (v == target || float.IsNaN(v) && float.IsNaN(target)) return iy * width + ix;
        }
        return -1;
    }

    public static void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) =>
        GpuTensors.RunWindowed(ForwardKernel, inputs[0], output, output.Size, (UnfoldGeometry)attributes!);

    public static void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, WindowGeometry, int>>(BackwardKernel)(
            runtime.Stream, GpuTensors.Extent(output.Size), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(inputs[1]), GpuTensors.Dense<float>(inputs[2]), GpuTensors.Dense<float>(output),
            new WindowGeometry((UnfoldGeometry)attributes!), output.Size);
    }
}
