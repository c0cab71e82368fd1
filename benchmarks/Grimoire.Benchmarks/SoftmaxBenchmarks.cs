using BenchmarkDotNet.Attributes;
using Grimoire.Cpu;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Benchmarks;

/// <summary>Every usable float32 softmax and log-softmax kernel over rows of a [rows, cols] matrix:
/// class-count rows (10) as in classifiers, vocabulary-sized rows (4096) as in language models, and one row of 1 Mi floats,
/// longer than any core's L2, which takes the online form (running max and rescaled sum, then one writing pass).</summary>
public class SoftmaxBenchmarks : IThroughput
{
    private const int TotalElements = 1 << 20;
    private Tensor _x = null!, _y = null!;
    private Tensor[] _inputs = null!;
    private Kernel _kernel = null!;

    public static IEnumerable<string> Kernels =>
        new[] { OpNames.Softmax, OpNames.LogSoftmax }
            .SelectMany(op => KernelCatalog.UsableVariants(op, DType.Float32, includeReference: false).Select(v => $"{op}:{v}"));

    [ParamsSource(nameof(Kernels))]
    public string Kernel { get; set; } = "";

    [Params(10, 4096, TotalElements)]
    public int Cols { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    private int Rows => TotalElements / Cols;

    public double Work => 2.0 * sizeof(float) * Rows * Cols;

    public string Unit => "GB/s";

    [GlobalSetup]
    public void Setup()
    {
        CpuParallel.Threads = Threads;
        var (op, variant) = KernelCatalog.Split(Kernel);
        _x = Tensor.RandN(new Shape(Rows, Cols), rng: new Rng(1));
        _y = Tensor.Zeros(new Shape(Rows, Cols));
        _inputs = [_x];
        _kernel = KernelCatalog.Get(op, DType.Float32, variant);
    }

    [Benchmark]
    public void RowWise() => _kernel.Run(_inputs, _y, new ReduceAttributes(Rows, Cols, 1));

    [GlobalCleanup]
    public void Cleanup()
    {
        _x.Dispose();
        _y.Dispose();
    }
}
