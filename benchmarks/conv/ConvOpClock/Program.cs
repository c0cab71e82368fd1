using System.Diagnostics;
using Grimoire;
using Grimoire.Bench;
using Grimoire.Cpu;

// conv2d on the vision layers at batch 64, timed two ways per run: the process's CPU time (user + system), which other
// processes on a shared machine do not stretch, and the wall clock, whose least value over many runs approaches an idle
// machine's when some runs find every core free (the only way to see whether 2 threads scale under load). Prints the
// least of each over the runs of the forward pass, of the input and weight gradients alone, and of forward + backward
// through autograd (as `grimoire bench conv --backward` times it). benchmarks/conv/torch_op_clock.py is the peer.
// Arguments: [runs (15)] [threads (1)].
var runs = args.Length > 0 ? int.Parse(args[0]) : 15;
CpuParallel.Threads = args.Length > 1 ? int.Parse(args[1]) : 1;
foreach (var s in ConvShape.Vision)
{
    using var x = Tensor.RandN(new Shape(s.Batch, s.InChannels, s.Size, s.Size), rng: new Rng(1));
    using var w = Tensor.RandN(new Shape(s.OutChannels, s.InChannels, s.Kernel, s.Kernel), std: 0.1, rng: new Rng(2));
    using var b = Tensor.Zeros(new Shape(s.OutChannels));
    using var dy = Tensor.RandN(new Shape(s.Batch, s.OutChannels, s.OutSize, s.OutSize), rng: new Rng(3));
    var forward = Least(() => { using var y = x.Conv2d(w, b, s.Stride, s.Padding); });
    var input = Least(() => { using var dx = Tensor.Conv2dBackwardInput(dy, w, x.Shape, s.Stride, s.Padding); });
    var weight = Least(() => { using var dw = Tensor.Conv2dBackwardWeight(dy, x, w.Shape, s.Stride, s.Padding); });
    x.RequiresGrad = w.RequiresGrad = b.RequiresGrad = true;
    var step = Least(() =>
    {
        using (var scope = new TensorScope()) x.Conv2d(w, b, s.Stride, s.Padding).Sum().Backward();
        foreach (var t in new[] { x, w, b }) t.ZeroGrad();
    });
    Console.WriteLine($"{s.Spec} cpu fwd {forward.Cpu * 1e3:F3} dx {input.Cpu * 1e3:F3} dw {weight.Cpu * 1e3:F3} fwd+bwd {step.Cpu * 1e3:F3} ms");
    Console.WriteLine($"{s.Spec} wall fwd {forward.Wall * 1e3:F3} dx {input.Wall * 1e3:F3} dw {weight.Wall * 1e3:F3} fwd+bwd {step.Wall * 1e3:F3} ms");
}

(double Cpu, double Wall) Least(Action run)
{
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed < TimeSpan.FromMilliseconds(300)) run();
    var (cpu, wall) = (double.MaxValue, double.MaxValue);
    for (var i = 0; i < runs; i++)
    {
        var (start, clock) = (Environment.CpuUsage.TotalTime, Stopwatch.GetTimestamp());
        run();
        wall = Math.Min(wall, Stopwatch.GetElapsedTime(clock).TotalSeconds);
        cpu = Math.Min(cpu, (Environment.CpuUsage.TotalTime - start).TotalSeconds);
    }
    return (cpu, wall);
}
