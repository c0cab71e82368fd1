using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Bench;

/// <summary>One reproducible GEMM figure: a float32 matmul kernel timed on preallocated tensors.</summary>
public static class GemmTiming
{
    public sealed record Result(GemmShape Shape, int Threads, string Kernel, string Backend, double MedianSeconds, int Runs)
    {
        public double Gflops => Shape.Flops / MedianSeconds / 1e9;
    }

    /// <summary>Times <paramref name="variant"/> (or the kernel dispatch would pick when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a dimension or threads out of range.</exception>
    /// <exception cref="KernelNotFoundException">the variant does not exist or cannot run here.</exception>
    public static Result Run(GemmShape shape, int threads, string? variant, int runs = 7)
    {
        shape.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 5);
        var kernel = Find(variant);
        var (m, k, n) = (shape.M, shape.K, shape.N);
        using var a = Tensor.RandN(new Shape(1, m, k), rng: new Rng(1));
        using var b = Tensor.RandN(new Shape(1, k, n), rng: new Rng(2));
        using var c = Tensor.Zeros(new Shape(1, m, n));
        var seconds = KernelTiming.MedianSeconds(kernel, [a, b], c, new MatMulAttributes(1, m, n, k), threads, runs);
        return new Result(shape, threads, $"{OpNames.MatMul}:{kernel.Info.Variant}", kernel.Info.Backend, seconds, runs);
    }

    private static Kernel Find(string? variant)
    {
        if (variant is null) return KernelRegistry.Resolve(OpNames.MatMul, Device.Cpu, DType.Float32);
        using var forced = KernelRegistry.Force(OpNames.MatMul, variant);
        return KernelRegistry.Resolve(OpNames.MatMul, Device.Cpu, DType.Float32);
    }
}
