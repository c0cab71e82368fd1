using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Bench;

/// <summary>One reproducible GEMM figure: a float32 matmul kernel timed on preallocated tensors, on the host or on a device
/// (kernel time with the device drained per sample; the copies of A, B and C timed separately).</summary>
public static class GemmTiming
{
    /// <param name="Device">What ran it (<see cref="DeviceTiming.Describe"/>).</param>
    /// <param name="UploadSeconds">Median time to copy A and B to the device (0 on the host), not part of <paramref name="MedianSeconds"/>.</param>
    /// <param name="DownloadSeconds">Median time to copy C back (0 on the host).</param>
    public sealed record Result(GemmShape Shape, int Threads, string Kernel, string Backend, double MedianSeconds, int Runs,
        string Device = "cpu", double UploadSeconds = 0, double DownloadSeconds = 0)
    {
        public double Gflops => Shape.Flops / MedianSeconds / 1e9;
    }

    /// <summary>Times <paramref name="variant"/> (or the kernel dispatch would pick when null) on <paramref name="device"/> (the host when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a dimension or threads out of range.</exception>
    /// <exception cref="KernelNotFoundException">the variant does not exist or cannot run on the device.</exception>
    /// <exception cref="DeviceException">the device is not on this machine.</exception>
    public static Result Run(GemmShape shape, int threads, string? variant, int runs = 7, Device? device = null)
    {
        shape.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 5);
        var on = device ?? Grimoire.Device.Cpu;
        var described = DeviceTiming.Describe(on); // a missing device fails here, by name, before kernel lookup
        var kernel = Find(variant, on);
        var (m, k, n) = (shape.M, shape.K, shape.N);
        using var hostA = Tensor.RandN(new Shape(1, m, k), rng: new Rng(1));
        using var hostB = Tensor.RandN(new Shape(1, k, n), rng: new Rng(2));
        using var a = hostA.To(on);
        using var b = hostB.To(on);
        using var c = Tensor.Zeros(new Shape(1, m, n), device: on);
        var attributes = new MatMulAttributes(1, m, n, k);
        var seconds = KernelTiming.WithThreads(threads, () => DeviceTiming.Seconds(on, () => kernel.Run([a, b], c, attributes), runs: runs));
        var upload = DeviceTiming.UploadSeconds(on, [hostA, hostB], runs);
        var download = DeviceTiming.DownloadSeconds([c], runs);
        return new Result(shape, threads, $"{OpNames.MatMul}:{kernel.Info.Variant}", kernel.Info.Backend, seconds, runs, described, upload, download);
    }

    private static Kernel Find(string? variant, Device device)
    {
        if (variant is null) return KernelRegistry.Resolve(OpNames.MatMul, device, DType.Float32);
        using var forced = KernelRegistry.Force(OpNames.MatMul, variant);
        return KernelRegistry.Resolve(OpNames.MatMul, device, DType.Float32);
    }
}
