using Grimoire.Ops;
using Tp = System.Numerics.Tensors.TensorPrimitives;

namespace Grimoire.Bench.Reports;

/// <summary>Memory-bound kernels on 16 Mi floats (far beyond the caches): every registered contender and
/// TensorPrimitives, in GB/s of compulsory traffic (inputs read once, output written once).</summary>
public static class StreamingSweep
{
    public const int Elements = 1 << 24;
    private const int SoftmaxCols = 1024;

    public sealed record Row(string Op, string Implementation, int Threads, double GigabytesPerSecond);

    private sealed record Workload(string Op, Shape[] Inputs, Shape Output, object? Attributes, double Bytes, Action<float[][], float[]> Peer);

    private static IEnumerable<Workload> Workloads()
    {
        Shape flat = new(Elements), rows = new(Elements / SoftmaxCols, SoftmaxCols);
        const double unary = 8.0 * Elements, binary = 12.0 * Elements;
        yield return new(OpNames.Exp, [flat], flat, null, unary, (x, y) => Tp.Exp(x[0], y));
        yield return new(OpNames.Tanh, [flat], flat, null, unary, (x, y) => Tp.Tanh(x[0], y));
        yield return new(OpNames.Sigmoid, [flat], flat, null, unary, (x, y) => Tp.Sigmoid(x[0], y));
        yield return new(OpNames.Add, [flat, flat], flat, null, binary, (x, y) => Tp.Add(x[0], x[1], y));
        yield return new(OpNames.Sum, [flat], new Shape(1, 1), new ReduceAttributes(1, Elements, 1), 4.0 * Elements, (x, y) => y[0] = Tp.Sum(x[0]));
        yield return new(OpNames.Softmax, [rows], rows, new ReduceAttributes(rows[0], SoftmaxCols, 1), unary, (x, y) =>
        {
            for (var r = 0; r < Elements / SoftmaxCols; r++) Tp.SoftMax(x[0].AsSpan(r * SoftmaxCols, SoftmaxCols), y.AsSpan(r * SoftmaxCols, SoftmaxCols));
        });
    }

    public static IEnumerable<Row> Run(IReadOnlyList<int> threadCounts, Action<string> progress)
    {
        foreach (var w in Workloads())
        {
            progress($"streaming {w.Op}");
            using var scope = new TensorScope();
            var inputs = w.Inputs.Select((s, i) => Tensor.RandU(s, 0.1, 2, new Rng((ulong)i + 1))).ToArray();
            var output = Tensor.Zeros(w.Output);
            foreach (var kernel in KernelTiming.Contenders(w.Op))
            foreach (var threads in threadCounts)
                yield return new(w.Op, kernel.Info.Variant, threads, w.Bytes / KernelTiming.MedianSeconds(kernel, inputs, output, w.Attributes, threads, runs: 5) / 1e9);

            var arrays = inputs.Select(t => t.ToArray<float>()).ToArray();
            var result = new float[w.Output.Size];
            yield return new(w.Op, "TensorPrimitives", 1, w.Bytes / MedianTimer.Seconds(() => w.Peer(arrays, result), warmups: 2, runs: 5) / 1e9);
        }
    }
}
