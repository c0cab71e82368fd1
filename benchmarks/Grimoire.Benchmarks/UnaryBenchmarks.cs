using BenchmarkDotNet.Attributes;
using Grimoire.Cpu;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Benchmarks;

/// <summary>Every usable float32 kernel of every elementwise unary op, on contiguous data, single-threaded
/// and with all cores. Rate is bytes read plus bytes written per second.</summary>
public class UnaryBenchmarks : IThroughput
{
    private Tensor _x = null!, _y = null!;
    private Tensor[] _inputs = null!;
    private Kernel _kernel = null!;
    private object _attributes = null!;

    public static IEnumerable<string> Kernels =>
        OpNames.Unary.SelectMany(op => KernelCatalog.UsableVariants(op, DType.Float32, includeReference: false).Select(v => $"{op}:{v}"));

    [ParamsSource(nameof(Kernels))]
    public string Kernel { get; set; } = "";

    [Params(1 << 20)]
    public int Elements { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    public double Work => 2.0 * sizeof(float) * Elements;

    public string Unit => "GB/s";

    [GlobalSetup]
    public void Setup()
    {
        CpuParallel.Threads = Threads;
        var (op, variant) = KernelCatalog.Split(Kernel);
        // Positive inputs keep log and sqrt on their fast paths, as in real use.
        _x = Tensor.RandU(new Shape(Elements), 0.1, 4, new Rng(1));
        _y = Tensor.Zeros(new Shape(Elements));
        _inputs = [_x];
        _kernel = KernelCatalog.Get(op, DType.Float32, variant);
        _attributes = op switch
        {
            OpNames.Gelu => new GeluAttributes(Tanh: false),
            OpNames.Softplus => new SoftplusAttributes(1, 20),
            OpNames.Clamp => new ClampAttributes(0.5, 2),
            _ => new UnaryAttributes(0.01),
        };
    }

    [Benchmark]
    public void Unary() => _kernel.Run(_inputs, _y, _attributes);

    [GlobalCleanup]
    public void Cleanup()
    {
        _x.Dispose();
        _y.Dispose();
    }
}
