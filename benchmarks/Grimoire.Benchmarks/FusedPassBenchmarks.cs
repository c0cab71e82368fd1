using BenchmarkDotNet.Attributes;
using Grimoire.Kernels;
using Grimoire.Ml.Kernels;

namespace Grimoire.Benchmarks;

/// <summary>The classical models' fused float64 passes at the shapes of benchmarks/ml (k-means 200000 x 16 with 16
/// centers, and k-means++ seeding's distance update on the same rows, ridge 200000 x 128, logistic 100000 x 64, lasso 20000 x 500), at every lane width this machine has and on 1
/// and 2 threads. Rate is the pass's useful floating-point work per second (GFLOP/s) or, for the memory-bound
/// column-major copy, bytes read and written per second.</summary>
public class FusedPassBenchmarks : IThroughput
{
    private Tensor _x = null!, _y = null!;
    private HostValues _rows = null!, _target = null!;
    private double[] _mean = null!, _centers = null!, _weights = null!, _positive = null!, _seed = null!, _nearest = null!;

    public static IEnumerable<string> Passes => ["nearest_centers", "seed_distances", "cross_products", "logistic_binary", "centred_columns"];

    public static IEnumerable<Isa> Widths => new[] { Isa.Avx512, Isa.Avx2, Isa.None }.Where(IsaSupport.IsSupported);

    [ParamsSource(nameof(Passes))]
    public string Pass { get; set; } = "";

    [ParamsSource(nameof(Widths))]
    public Isa Isa { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    private (int Rows, int Columns) Shape => Pass switch
    {
        "nearest_centers" or "seed_distances" => (200_000, 16),
        "cross_products" => (200_000, 128),
        "logistic_binary" => (100_000, 64),
        _ => (20_000, 500),
    };

    public double Work => Pass switch
    {
        "nearest_centers" => 2.0 * Shape.Rows * Shape.Columns * 16,
        "seed_distances" => 2.0 * Shape.Rows * Shape.Columns,
        "cross_products" => (double)Shape.Rows * Shape.Columns * (Shape.Columns + 1),
        "logistic_binary" => 4.0 * Shape.Rows * Shape.Columns,
        _ => 16.0 * Shape.Rows * Shape.Columns,
    };

    public string Unit => Pass == "centred_columns" ? "GB/s" : "GFLOP/s";

    [GlobalSetup]
    public void Setup()
    {
        HostParallel.Threads = Threads;
        var (n, d) = Shape;
        var rng = new Rng(7);
        _x = Tensor.RandN(new Shape(n, d), rng: rng, dtype: DType.Float64);
        _y = Tensor.RandN(new Shape(n), rng: rng, dtype: DType.Float64);
        (_rows, _target) = (new HostValues(_x), new HostValues(_y));
        _mean = ColumnMoments.Means(_rows);
        _centers = _rows.Span[..(16 * d)].ToArray();
        _weights = [.. Enumerable.Range(0, d).Select(j => 0.1 * Math.Sin(j))];
        _positive = [.. Enumerable.Range(0, n).Select(i => (double)(i % 3 == 0 ? 1 : 0))];
        // Every call lowers the same distances by the same center: the same work each time, whatever it finds.
        _nearest = [.. Enumerable.Repeat(double.PositiveInfinity, n)];
        _seed = _rows.Span[..d].ToArray();
    }

    [Benchmark]
    public object Run() => Pass switch
    {
        "nearest_centers" => NearestCenters.Run(_rows, _centers, withSums: true, Isa),
        "seed_distances" => SeedDistances.Lower(_rows, _seed, _nearest, Isa),
        "cross_products" => CrossProducts.Compute(_rows, _mean, _target, 0, Isa),
        "logistic_binary" => LogisticPass.Binary(_rows, _positive, _weights, 0.1, Isa),
        _ => CentredColumns.Of(_rows, _mean),
    };

    [GlobalCleanup]
    public void Cleanup()
    {
        _rows.Dispose();
        _target.Dispose();
        _x.Dispose();
        _y.Dispose();
    }
}
