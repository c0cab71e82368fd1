using ILGPU;
using ILGPU.Runtime;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>unfold (im2col), one thread per column element, and fold (col2im), one thread per image element summing the
/// column elements that read it (no atomics: the sum order is fixed, so fold is deterministic, and no float compare-and-swap
/// loop, which ILGPU's CPU accelerator spins in forever once a NaN lands in the target). The geometry is a
/// <see cref="WindowGeometry"/> argument.</summary>
internal static class ConvolutionKernels
{
    [GpuKernel]
    private static void UnfoldKernel(Index1D index, ArrayView<float> x, ArrayView<float> cols, WindowGeometry g, int count)
    {
        int e = index;
        if (e >= count) return;
        if (PixelOf(e, g, out var pixel)) cols[e] = x[pixel];
        else cols[e] = 0f;
    }

    [GpuKernel]
    private static void FoldKernel(Index1D index, ArrayView<float> cols, ArrayView<float> y, WindowGeometry g, int count)
    {
        int e = index;
        if (e >= count) return;
        int channels = g.Channels, height = g.Height, width = g.Width, kh = g.KernelHeight, kw = g.KernelWidth, stride = g.Stride, padding = g.Padding, outH = g.OutHeight, outW = g.OutWidth, dilation = g.Dilation;
        var (w, h) = (e % width, e / width % height);
        var c = e / (width * height) % channels;
        var n = e / (width * height * channels);
        var positions = outH * outW;
        var sum = 0f;
        for (var ty = 0; ty < kh; ty++)
        {
            // The window row oy reads image row h through tap ty when oy·stride − padding + ty·dilation = h.
            var top = h + padding - ty * dilation;
            if (top < 0 || top % stride != 0 || top / stride >= outH) continue;
            for (var tx = 0; tx < kw; tx++)
            {
                var left = w + padding - tx * dilation;
                if (left < 0 || left % stride != 0 || left / stride >= outW) continue;
                var row = (c * kh + ty) * kw + tx;
                sum += cols[((long)n * channels * kh * kw + row) * positions + top / stride * outW + left / stride];
            }
        }
        y[e] = sum;
    }

    /// <summary>The image element that column element <paramref name="e"/> of [n, c·kh·kw, outH·outW] reads; false in the padding.</summary>
    private static bool PixelOf(int e, WindowGeometry g, out long pixel)
    {
        int channels = g.Channels, height = g.Height, width = g.Width, kh = g.KernelHeight, kw = g.KernelWidth, stride = g.Stride, padding = g.Padding, outH = g.OutHeight, outW = g.OutWidth, dilation = g.Dilation;
        var positions = outH * outW;
        var rows = channels * kh * kw;
        var position = e % positions;
        var row = e / positions % rows;
        var n = e / (positions * rows);
        var (c, tap) = (row / (kh * kw), row % (kh * kw));
        var h = position / outW * stride - padding + tap / kw * dilation;
        var w = position % outW * stride - padding + tap % kw * dilation;
        pixel = (((long)n * channels + c) * height + h) * width + w;
        return h >= 0 && h < height && w >= 0 && w < width;
    }

    public static void Unfold(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) =>
        GpuTensors.RunWindowed(UnfoldKernel, inputs[0], output, output.Size, (UnfoldGeometry)attributes!);

    public static void Fold(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) =>
        GpuTensors.RunWindowed(FoldKernel, inputs[0], output, output.Size, (UnfoldGeometry)attributes!);
}
