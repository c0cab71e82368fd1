namespace Grimoire.Bench;

/// <summary>conv2d through the op graph, as a model runs it: forward, or forward plus backward to input,
/// weight and bias. Outputs are allocated per run, as in training.</summary>
public static class ConvTiming
{
    /// <summary>A convolution's rate on a device, and the copies of its input batch and output kept apart from it.</summary>
    /// <param name="UploadSeconds">Copying the input batch to the device (0 on the host).</param>
    /// <param name="DownloadSeconds">Copying the forward output back (0 on the host).</param>
    public sealed record Result(ConvShape Shape, bool Backward, string Device, double MedianSeconds, double UploadSeconds, double DownloadSeconds)
    {
        public double Gflops => Shape.ForwardFlops * (Backward ? 3 : 1) / MedianSeconds / 1e9;
    }

    public static double Gflops(ConvShape s, int threads, bool backward) => Measure(s, threads, backward, Device.Cpu).Gflops;

    /// <exception cref="DeviceException">the device is not on this machine.</exception>
    public static Result Measure(ConvShape s, int threads, bool backward, Device device)
    {
        using var hostX = Tensor.RandN(new Shape(s.Batch, s.InChannels, s.Size, s.Size), rng: new Rng(1));
        using var hostW = Tensor.RandN(new Shape(s.OutChannels, s.InChannels, s.Kernel, s.Kernel), std: 0.1, rng: new Rng(2));
        using var x = hostX.To(device);
        using var w = hostW.To(device);
        using var b = Tensor.Zeros(new Shape(s.OutChannels), device: device);
        x.RequiresGrad = w.RequiresGrad = b.RequiresGrad = backward;
        var seconds = KernelTiming.WithThreads(threads, () => DeviceTiming.Seconds(device, () =>
        {
            using var scope = new TensorScope();
            var y = x.Conv2d(w, b, s.Stride, s.Padding);
            if (!backward) return;
            y.Sum().Backward();
            foreach (var t in new[] { x, w, b }) t.ZeroGrad();
        }, warmups: 2, runs: 5));
        var upload = DeviceTiming.UploadSeconds(device, [hostX], runs: 5);
        using var noGrad = Autograd.GradMode.NoGrad();
        using var y = x.Conv2d(w, b, s.Stride, s.Padding);
        var download = DeviceTiming.DownloadSeconds([y], runs: 5);
        return new Result(s, backward, DeviceTiming.Describe(device), seconds, upload, download);
    }
}
