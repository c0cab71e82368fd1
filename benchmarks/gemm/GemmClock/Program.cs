using System.Diagnostics;
using Grimoire;
using Grimoire.Bench;
using Grimoire.Kernels;
using Grimoire.Ops;

// float32 matmul kernels side by side in alternating rounds, for a loaded machine: per shape, each round times every
// kernel once (a sample repeats the call until 2 ms have passed), and the least time per call over the rounds is kept,
// by the wall clock and by the process's CPU time (user + system, all threads): other processes stretch a sample's
// wall time but not the CPU time it uses. A shape "MxKxN:bt" stores B transposed (n x k, as attention's q·kᵀ passes
// k), ":at" stores A transposed. benchmarks/gemm/torch_gemm_clock.py is the libtorch peer.
// Usage: GemmClock <threads> <rounds> <kernel,kernel,...> <shape> [shape ...]
KernelRegistry.AddProvider<Grimoire.Native.NativeKernelProvider>();
var threads = int.Parse(args[0]);
var rounds = int.Parse(args[1]);
var variants = args[2].Split(',');
foreach (var spec in args.Skip(3))
{
    var (shape, transA, transB) = Parse(spec);
    using var a = Operand(shape.M, shape.K, transA, 1);
    using var b = Operand(shape.K, shape.N, transB, 2);
    using var c = Tensor.Zeros(new Shape(1, shape.M, shape.N));
    var attributes = new MatMulAttributes(1, shape.M, shape.N, shape.K);
    var kernels = variants.Select(v => { using var _ = KernelRegistry.Force(OpNames.MatMul, v); return KernelRegistry.Resolve(OpNames.MatMul, Device.Cpu, DType.Float32); }).ToArray();
    var wall = new double[kernels.Length];
    var cpu = new double[kernels.Length];
    Array.Fill(wall, double.MaxValue);
    Array.Fill(cpu, double.MaxValue);
    KernelTiming.WithThreads(threads, () =>
    {
        foreach (var kernel in kernels) Warm(() => kernel.Run([a, b], c, attributes));
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < kernels.Length; i++)
            {
                var (w, u) = Sample(() => kernels[i].Run([a, b], c, attributes));
                wall[i] = Math.Min(wall[i], w);
                cpu[i] = Math.Min(cpu[i], u);
            }
        }
        return 0.0;
    });
    for (var i = 0; i < kernels.Length; i++)
    {
        Console.WriteLine($"{spec} threads={threads} {variants[i]}: wall {shape.Flops / wall[i] / 1e9:F1} GFLOP/s ({wall[i] * 1e3:F4} ms), " +
            $"cpu {shape.Flops / cpu[i] / 1e9:F1} GFLOP/s per CPU-second ({cpu[i] * 1e3:F4} ms), vs {variants[0]} wall {wall[0] / wall[i]:F2}x cpu {cpu[0] / cpu[i]:F2}x");
    }
}

static (GemmShape, bool, bool) Parse(string spec)
{
    var parts = spec.Split(':');
    var shape = GemmShape.TryParse(parts[0]) ?? GemmShape.Square(int.Parse(parts[0]));
    var flag = parts.Length > 1 ? parts[1] : "";
    return (shape, flag == "at", flag == "bt");
}

// A rows x cols batch-1 operand, as a transposed view of a cols x rows tensor when asked.
static Tensor Operand(int rows, int cols, bool transposed, ulong seed) => transposed
    ? Tensor.RandN(new Shape(1, cols, rows), rng: new Rng(seed)).Transpose(1, 2)
    : Tensor.RandN(new Shape(1, rows, cols), rng: new Rng(seed));

static void Warm(Action run)
{
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed < TimeSpan.FromMilliseconds(200)) run();
}

static (double Wall, double Cpu) Sample(Action run)
{
    var calls = 0;
    var cpu0 = Environment.CpuUsage.TotalTime;
    var clock = Stopwatch.StartNew();
    do
    {
        run();
        calls++;
    }
    while (clock.Elapsed < TimeSpan.FromMilliseconds(2));
    var wall = clock.Elapsed.TotalSeconds;
    return (wall / calls, (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds / calls);
}
