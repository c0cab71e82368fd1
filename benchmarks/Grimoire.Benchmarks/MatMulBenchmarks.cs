using BenchmarkDotNet.Attributes;
using Grimoire.Cpu;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Benchmarks;

/// <summary>Square float32 matmul, every usable registered variant, one and two threads.
/// The kernel is run directly (Kernel.Run) on preallocated tensors so dispatch and allocation are not timed.</summary>
public class MatMulBenchmarks : IThroughput
{
    private Tensor _a = null!, _b = null!, _c = null!;
    private Tensor[] _inputs = null!;
    private Kernel _kernel = null!;
    private MatMulAttributes _attributes = null!;

    // The double-precision reference is three orders of magnitude slower; it is the correctness oracle, not a contender.
    public static IEnumerable<string> Variants => KernelCatalog.UsableVariants(OpNames.MatMul, DType.Float32, includeReference: false);

    [ParamsSource(nameof(Variants))]
    public string Kernel { get; set; } = "";

    [Params(256, 1024)]
    public int N { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    public double Work => 2.0 * N * N * N;

    public string Unit => "GFLOP/s";

    [GlobalSetup]
    public void Setup()
    {
        CpuParallel.Threads = Threads;
        _a = Tensor.RandN(new Shape(1, N, N), rng: new Rng(1));
        _b = Tensor.RandN(new Shape(1, N, N), rng: new Rng(2));
        _c = Tensor.Zeros(new Shape(1, N, N));
        _inputs = [_a, _b];
        _attributes = new MatMulAttributes(1, N, N, N);
        _kernel = KernelCatalog.Get(OpNames.MatMul, DType.Float32, Kernel);
    }

    [Benchmark]
    public void MatMul() => _kernel.Run(_inputs, _c, _attributes);

    [GlobalCleanup]
    public void Cleanup()
    {
        _a.Dispose();
        _b.Dispose();
        _c.Dispose();
    }
}
