using BenchmarkDotNet.Attributes;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Benchmarks;

/// <summary>What an op costs beyond its arithmetic: resolving the kernel, and a whole op on 8 elements (checks,
/// output allocation from the pool, contract check, dispatch, disposal), where the kernel's own work is negligible.</summary>
public class DispatchBenchmarks
{
    private Tensor _x = null!, _y = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Tensor.RandN(new Shape(8), rng: new Rng(1));
        _y = Tensor.RandN(new Shape(8), rng: new Rng(2));
        _ = KernelCatalog.UsableVariants(OpNames.Add, DType.Float32); // the backends this project ships, as elsewhere
    }

    [Benchmark]
    public Kernel Resolve() => KernelRegistry.Resolve(OpNames.Add, Device.Cpu, DType.Float32);

    [Benchmark]
    public void TinyAdd()
    {
        using var z = _x + _y;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _x.Dispose();
        _y.Dispose();
    }
}
