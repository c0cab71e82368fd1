using ILGPU;
using ILGPU.Runtime;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>Average pooling, one thread per output element, and its gradient, one thread per input pixel summing the
/// shares of the windows that cover it (no atomics, and the result does not depend on thread order). The geometry is a
/// <see cref="WindowGeometry"/> argument; includePad is PyTorch's count_include_pad as 0 or 1.</summary>
internal static class AvgPoolKernels
{
    [GpuKernel]
    private static void ForwardKernel(Index1D index, ArrayView<float> x, ArrayView<float> y, WindowGeometry g, int count, int includePad)
    {
        int e = index;
        if (e >= count) return;
        int height = g.Height, width = g.Width, k = g.KernelHeight, stride = g.Stride, padding = g.Padding, outH = g.OutHeight, outW = g.OutWidth;
        var positions = outH * outW;
        var plane = (long)(e / positions) * height * width;
        var (top, left) = (e % positions / outW * stride - padding, e % outW * stride - padding);
        var sum = 0f;
        for (var iy = Math.Max(0, top); iy < Math.Min(height, top + k); iy++)
        for (var ix = Math.Max(0, left); ix < Math.Min(width, left + k); ix++)
            sum += x[plane + iy * width + ix];
        y[e] = sum / Divisor(g, top, left, includePad);
    }

    [GpuKernel]
    private static void BackwardKernel(Index1D index, ArrayView<float> grad, ArrayView<float> dx, WindowGeometry g, int count, int includePad)
    {
        int e = index;
        if (e >= count) return;
        int height = g.Height, width = g.Width, k = g.KernelHeight, stride = g.Stride, padding = g.Padding, outH = g.OutHeight, outW = g.OutWidth;
        var pixels = height * width;
        var (iy, ix) = (e % pixels / width, e % width);
        // Windows oy with oy·s − p ≤ iy ≤ oy·s − p + k − 1; a negative numerator truncates to at most 0, clipped anyway.
        var (oy0, oy1) = (Math.Max(0, (iy + padding - k + stride) / stride), Math.Min(outH - 1, (iy + padding) / stride));
        var (ox0, ox1) = (Math.Max(0, (ix + padding - k + stride) / stride), Math.Min(outW - 1, (ix + padding) / stride));
        var windows = (long)(e / pixels) * outH * outW;
        var sum = 0f;
        for (var oy = oy0; oy <= oy1; oy++)
        for (var ox = ox0; ox <= ox1; ox++)
            sum += grad[windows + oy * outW + ox] / Divisor(g, oy * stride - padding, ox * stride - padding, includePad);
        dx[e] = sum;
    }

    /// <summary>k² with count_include_pad, else the pixels of the window at (top, left) inside the image.</summary>
    private static float Divisor(WindowGeometry g, int top, int left, int includePad)
    {
        int height = g.Height, width = g.Width, k = g.KernelHeight;
        if (includePad != 0) return k * k;
        return (Math.Min(height, top + k) - Math.Max(0, top)) * (Math.Min(width, left + k) - Math.Max(0, left));
    }

    public static void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) => Launch(ForwardKernel, inputs[0], output, (AvgPoolAttributes)attributes!);

    public static void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) => Launch(BackwardKernel, inputs[0], output, (AvgPoolAttributes)attributes!);

    /// <summary>One thread per output element of either kernel.</summary>
    private static void Launch(Action<Index1D, ArrayView<float>, ArrayView<float>, WindowGeometry, int, int> kernel, Tensor input, Tensor output, AvgPoolAttributes a)
    {
        var runtime = GpuTensors.Runtime(output);
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, WindowGeometry, int, int>>(kernel)(
            runtime.Stream, GpuTensors.Extent(output.Size), GpuTensors.Dense<float>(input), GpuTensors.Dense<float>(output), new WindowGeometry(a.Window), output.Size, a.CountIncludePad ? 1 : 0);
    }
}
