using BenchmarkDotNet.Attributes;
using Grimoire.Cpu;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Benchmarks;

/// <summary>conv2d on the vision chapter's layers at batch 64, forward and forward + backward (input, weight and bias
/// gradients), through the op graph as a model runs it: the implicit-GEMM kernels against the unfold + GEMM composition
/// they replaced (the ops' decomposition, run by withholding their kernels).</summary>
public class ConvBenchmarks : IThroughput
{
    private Tensor _x = null!, _w = null!, _b = null!;

    /// <summary>"batch x in x size x out x kernel x stride x padding".</summary>
    [Params("64x3x32x16x3x1x1", "64x16x32x32x3x2x1", "64x32x16x64x5x1x2", "64x64x8x64x3x1x1")]
    public string Layer { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    private int[] Dims => [.. Layer.Split('x').Select(int.Parse)];

    private int OutSize => (Dims[2] + 2 * Dims[6] - Dims[4]) / Dims[5] + 1;

    /// <summary>The forward pass's flops; a forward + backward invocation does three times this.</summary>
    public double Work => 2.0 * Dims[0] * Dims[3] * OutSize * OutSize * Dims[1] * Dims[4] * Dims[4];

    public string Unit => "GFLOP/s (forward)";

    [GlobalSetup]
    public void Setup()
    {
        CpuParallel.Threads = Threads;
        var d = Dims;
        _x = Tensor.RandN(new Shape(d[0], d[1], d[2], d[2]), rng: new Rng(1));
        _w = Tensor.RandN(new Shape(d[3], d[1], d[4], d[4]), std: 0.1, rng: new Rng(2));
        _b = Tensor.Zeros(new Shape(d[3]));
    }

    [Benchmark(Baseline = true)]
    public void UnfoldGemmForward()
    {
        using var withheld = KernelRegistry.Withhold(OpNames.Conv2d);
        Forward();
    }

    [Benchmark]
    public void ImplicitGemmForward() => Forward();

    [Benchmark]
    public void UnfoldGemmForwardBackward()
    {
        using var forward = KernelRegistry.Withhold(OpNames.Conv2d);
        using var input = KernelRegistry.Withhold(OpNames.Conv2dBackwardInput);
        using var weight = KernelRegistry.Withhold(OpNames.Conv2dBackwardWeight);
        ForwardBackward();
    }

    [Benchmark]
    public void ImplicitGemmForwardBackward() => ForwardBackward();

    private void Forward()
    {
        using var scope = new TensorScope();
        _ = _x.Conv2d(_w, _b, Dims[5], Dims[6]);
    }

    private void ForwardBackward()
    {
        _x.RequiresGrad = _w.RequiresGrad = _b.RequiresGrad = true;
        using (var scope = new TensorScope()) _x.Conv2d(_w, _b, Dims[5], Dims[6]).Sum().Backward();
        foreach (var t in new[] { _x, _w, _b }) t.ZeroGrad();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _x.Dispose();
        _w.Dispose();
        _b.Dispose();
    }
}
