using System.Globalization;
using Grimoire.Ops;
using Tp = System.Numerics.Tensors.TensorPrimitives;

namespace Grimoire.Bench.Reports;

/// <summary>Memory-bound kernels on 16 Mi floats (far beyond the caches): every registered contender, TensorPrimitives
/// and the STREAM triad, in GB/s of compulsory traffic (inputs read once, output written once, no read-for-ownership:
/// the triad's own accounting). All are timed in alternating rounds and each figure is the median over the rounds, so
/// the triad and the ops share the same statistic and the same spells of load.</summary>
public static class StreamingSweep
{
    public const int Elements = 1 << 24;
    private const int SoftmaxCols = 1024;

    /// <summary>The <see cref="Row.Op"/> of the triad's rows (implementation "stream").</summary>
    public const string Triad = "triad";

    /// <summary>The ops the sweep measures, in report order.</summary>
    public static readonly IReadOnlyList<string> Ops =
        [OpNames.Exp, OpNames.Tanh, OpNames.Sigmoid, OpNames.Add, OpNames.Mul, OpNames.Sum, OpNames.Softmax];

    public sealed record Row(string Op, string Implementation, int Threads, double GigabytesPerSecond);

    private sealed record Workload(string Op, int[] Inputs, Shape Output, object? Attributes, double Bytes, Action<float[][], float[]> Peer);

    private sealed record Measurement(string Op, string Implementation, int Threads, double Bytes, Func<double> Seconds);

    private static IEnumerable<Workload> Workloads()
    {
        Shape flat = new(Elements), rows = new(Elements / SoftmaxCols, SoftmaxCols);
        const double unary = 8.0 * Elements, binary = 12.0 * Elements;
        yield return new(OpNames.Exp, [0], flat, null, unary, (x, y) => Tp.Exp(x[0], y));
        yield return new(OpNames.Tanh, [0], flat, null, unary, (x, y) => Tp.Tanh(x[0], y));
        yield return new(OpNames.Sigmoid, [0], flat, null, unary, (x, y) => Tp.Sigmoid(x[0], y));
        yield return new(OpNames.Add, [0, 1], flat, null, binary, (x, y) => Tp.Add(x[0], x[1], y));
        yield return new(OpNames.Mul, [0, 1], flat, null, binary, (x, y) => Tp.Multiply(x[0], x[1], y));
        yield return new(OpNames.Sum, [0], new Shape(1, 1), new ReduceAttributes(1, Elements, 1), 4.0 * Elements, (x, y) => y[0] = Tp.Sum(x[0]));
        yield return new(OpNames.Softmax, [0], rows, new ReduceAttributes(rows[0], SoftmaxCols, 1), unary, (x, y) =>
        {
            for (var r = 0; r < Elements / SoftmaxCols; r++) Tp.SoftMax(x[0].AsSpan(r * SoftmaxCols, SoftmaxCols), y.AsSpan(r * SoftmaxCols, SoftmaxCols));
        });
    }

    /// <summary>Median GB/s over <paramref name="rounds"/> rounds of every contender of <paramref name="ops"/> (all by default)
    /// at each thread count, TensorPrimitives (one thread) and the triad at each thread count.</summary>
    public static IReadOnlyList<Row> Run(IReadOnlyList<int> threadCounts, Action<string> progress, int rounds = 3, IReadOnlyCollection<string>? ops = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        if (ops?.FirstOrDefault(o => !Ops.Contains(o)) is { } unknown)
            throw new ArgumentException($"the sweep has no op '{unknown}' (it has {string.Join(", ", Ops)})", nameof(ops));
        using var scope = new TensorScope();
        using var triad = new TriadBandwidth();
        var inputs = new[] { Tensor.RandU(new Shape(Elements), 0.1, 2, new Rng(1)), Tensor.RandU(new Shape(Elements), 0.1, 2, new Rng(2)) };
        var arrays = inputs.Select(t => t.ToArray<float>()).ToArray();
        var results = new float[Elements];
        var measurements = new List<Measurement>();
        foreach (var t in threadCounts) measurements.Add(new(Triad, "stream", t, TriadBandwidth.Bytes, () => triad.Measure(t, runs: 3).Median));
        foreach (var w in Workloads().Where(w => ops is null || ops.Contains(w.Op)))
        {
            var operands = w.Inputs.Select(i => w.Output.Size == 1 ? inputs[i] : inputs[i].Reshape(w.Output.ToArray())).ToArray();
            var output = Tensor.Zeros(w.Output);
            foreach (var kernel in KernelTiming.Contenders(w.Op))
            foreach (var t in threadCounts)
                measurements.Add(new(w.Op, kernel.Info.Variant, t, w.Bytes, () => KernelTiming.MedianSeconds(kernel, operands, output, w.Attributes, t, runs: 3)));
            var peerInputs = w.Inputs.Select(i => arrays[i]).ToArray();
            measurements.Add(new(w.Op, "TensorPrimitives", 1, w.Bytes, () => MedianTimer.Seconds(() => w.Peer(peerInputs, results), warmups: 2, runs: 3)));
        }

        var seconds = measurements.ToDictionary(m => m, _ => new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            progress($"streaming round {round} of {rounds}");
            foreach (var m in measurements) seconds[m].Add(m.Seconds());
        }
        return [.. measurements.Select(m => new Row(m.Op, m.Implementation, m.Threads, m.Bytes / new Timing(seconds[m]).Median / 1e9))];
    }

    /// <summary>Column names of <see cref="Table"/>.</summary>
    public static readonly string[] Header = ["op", "implementation", "threads", "GB/s", "% of triad", "vs TensorPrimitives (1 thread)"];

    /// <summary>One line per row: its rate, as a share of the triad measured in the same rounds at the same thread count,
    /// and as a ratio to TensorPrimitives on the same op.</summary>
    public static IEnumerable<string[]> Table(IReadOnlyList<Row> rows)
    {
        foreach (var r in rows)
        {
            var triad = rows.FirstOrDefault(t => t.Op == Triad && t.Threads == r.Threads)?.GigabytesPerSecond;
            var peer = rows.FirstOrDefault(p => p.Op == r.Op && p.Implementation == "TensorPrimitives")?.GigabytesPerSecond;
            yield return [r.Op, r.Implementation, r.Threads.ToString(CultureInfo.InvariantCulture), r.GigabytesPerSecond.ToString("F1", CultureInfo.InvariantCulture),
                triad is { } b ? $"{100 * r.GigabytesPerSecond / b:F0}%" : "–", peer is { } p ? $"{r.GigabytesPerSecond / p:F2}x" : "–"];
        }
    }
}
