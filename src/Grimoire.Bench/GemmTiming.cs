using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Bench;

/// <summary>One reproducible GEMM figure: a square float32 matmul kernel timed on preallocated tensors.</summary>
public static class GemmTiming
{
    public const int MaxN = 8192;

    public sealed record Result(int N, int Threads, string Kernel, string Backend, double MedianSeconds, int Runs)
    {
        public double Gflops => 2.0 * N * N * N / MedianSeconds / 1e9;
    }

    /// <summary>Times <paramref name="variant"/> (or the kernel dispatch would pick when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">n or threads out of range.</exception>
    /// <exception cref="KernelNotFoundException">the variant does not exist or cannot run here.</exception>
    public static Result Run(int n, int threads, string? variant, int runs = 7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxN);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 5);
        var kernel = Find(variant);
        using var a = Tensor.RandN(new Shape(1, n, n), rng: new Rng(1));
        using var b = Tensor.RandN(new Shape(1, n, n), rng: new Rng(2));
        using var c = Tensor.Zeros(new Shape(1, n, n));
        var seconds = KernelTiming.MedianSeconds(kernel, [a, b], c, new MatMulAttributes(1, n, n, n), threads, runs);
        return new Result(n, threads, $"{OpNames.MatMul}:{kernel.Info.Variant}", kernel.Info.Backend, seconds, runs);
    }

    private static Kernel Find(string? variant)
    {
        if (variant is null) return KernelRegistry.Resolve(OpNames.MatMul, Device.Cpu, DType.Float32);
        using var forced = KernelRegistry.Force(OpNames.MatMul, variant);
        return KernelRegistry.Resolve(OpNames.MatMul, Device.Cpu, DType.Float32);
    }
}
