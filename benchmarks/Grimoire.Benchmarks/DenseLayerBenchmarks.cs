using BenchmarkDotNet.Attributes;
using Grimoire.Cpu;

namespace Grimoire.Benchmarks;

/// <summary>A dense layer's forward pass through the op graph, fused (one GEMM whose epilogue adds the bias and
/// applies ReLU) against unfused (matmul, then add, then relu: two more passes over the output).</summary>
public class DenseLayerBenchmarks : IThroughput
{
    private Tensor _x = null!, _w = null!, _b = null!;

    /// <summary>The layers of the book's MLP at batch 128: "batch x in x out".</summary>
    [Params("128x784x256", "128x256x128", "4096x256x256")]
    public string Layer { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    private int[] Dims => [.. Layer.Split('x').Select(int.Parse)];

    public double Work => 2.0 * Dims[0] * Dims[1] * Dims[2];

    public string Unit => "GFLOP/s";

    [GlobalSetup]
    public void Setup()
    {
        CpuParallel.Threads = Threads;
        var d = Dims;
        _x = Tensor.RandN(new Shape(d[0], d[1]), rng: new Rng(1));
        _w = Tensor.RandN(new Shape(d[1], d[2]), rng: new Rng(2));
        _b = Tensor.RandN(new Shape(d[2]), rng: new Rng(3));
    }

    [Benchmark(Baseline = true)]
    public void Unfused()
    {
        using var scope = new TensorScope();
        _ = (_x.MatMul(_w) + _b).Relu();
    }

    [Benchmark]
    public void Fused()
    {
        using var scope = new TensorScope();
        _ = _x.Linear(_w, _b, Activation.Relu);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _x.Dispose();
        _w.Dispose();
        _b.Dispose();
    }
}
