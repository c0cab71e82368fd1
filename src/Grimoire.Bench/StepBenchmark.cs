using System.Diagnostics;
using Grimoire.Bench;
using Grimoire.Diagnostics;
using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;

namespace Grimoire.Bench;

/// <summary>Training-step time of the two reference networks of issue 6, on random float32 data: one step is
/// forward, loss, backward and optimizer update; the median over timed steps after warm-up is reported, with the
/// bytes the managed heap allocated per step and the peak of tensor memory (host pool bytes in use) during one step. benchmarks/nn/torch_step.py times the same steps in libtorch.</summary>
public static class StepBenchmark
{
    /// <summary>One network's figures; <paramref name="Profile"/> holds per-op times over <see cref="ProfiledSteps"/> steps when asked for.</summary>
    /// <param name="PeakTensorMegabytes">Host tensor memory at the step's peak; null on a device, whose memory the host pool does not see.</param>
    /// <param name="Device">What ran the step (<see cref="DeviceTiming.Describe"/>).</param>
    /// <param name="UploadMilliseconds">Copying one batch (inputs and labels) to the device, not part of the step time (0 on the host).</param>
    public sealed record Result(string Model, int Threads, int Batch, double MedianMilliseconds, double AllocatedMegabytesPerStep, double? PeakTensorMegabytes, IReadOnlyList<OpProfile.Entry>? Profile,
        string Device = "cpu", double UploadMilliseconds = 0);

    public const int ProfiledSteps = 10;

    /// <summary>Warm-up before timing: a step calls some methods only once (the layer-level ops), and tiered JIT
    /// promotes a method after 30 calls and a quiet 100 ms, so a short warm-up would time partly unoptimised code.
    /// This reports the steady state a training run spends nearly all its time in.</summary>
    private static readonly TimeSpan SteadyState = TimeSpan.FromSeconds(1.5);

    /// <summary>Both networks on <paramref name="device"/> (the host when null); the step time includes a device
    /// synchronisation per timed sample, so queued kernels count.</summary>
    /// <exception cref="DeviceException">the device is not on this machine.</exception>
    public static IEnumerable<Result> Run(int threads, bool profile = false, Device? device = null)
    {
        var on = device ?? Device.Cpu;
        yield return Measure("mlp 784-256-128-10 relu, adam, batch 128", threads, 128, new Shape(128, 784), rng => new Sequential(
            new Linear(784, 256, Activation.Relu, rng), new Linear(256, 128, Activation.Relu, rng), new Linear(128, 10, Activation.None, rng)),
            model => new Adam(model.Parameters(), 1e-3), profile, on);
        yield return Measure("cnn 1x28x28 conv3x3(16)-relu-pool2-conv3x3(32)-relu-pool2-dense10, sgd momentum, batch 64", threads, 64, new Shape(64, 1, 28, 28), rng => new Sequential(
            new Conv2d(1, 16, 3, rng: rng), new ReLU(), Pool2d.Max(2),
            new Conv2d(16, 32, 3, rng: rng), new ReLU(), Pool2d.Max(2),
            new Flatten(), new Linear(32 * 5 * 5, 10, Activation.None, rng)),
            model => new Sgd(model.Parameters(), 0.01, momentum: 0.9), profile, on);
    }

    private static Result Measure(string name, int threads, int batch, Shape input, Func<Rng, Sequential> build, Func<Module, Optimizer> optimizerFor, bool profile, Device device)
    {
        var rng = new Rng(0);
        using var hostX = Tensor.RandN(input, rng: rng);
        using var hostY = Tensor.FromArray(Enumerable.Range(0, batch).Select(i => i % 10).ToArray());
        using var x = hostX.To(device);
        using var y = hostY.To(device);
        using var model = build(rng);
        model.To(device);
        using var optimizer = optimizerFor(model);
        void Step()
        {
            using var scope = new TensorScope();
            Tensor loss;
            using (OpProfile.Section("forward")) loss = Losses.CrossEntropy(model.Forward(x), y);
            optimizer.ZeroGrad();
            loss.Backward();
            using (OpProfile.Section("optimizer")) optimizer.Step();
        }
        var seconds = Bench.KernelTiming.WithThreads(threads, () => DeviceTiming.Seconds(device, Step, warmups: 50, runs: 9, minWarmup: SteadyState));
        var upload = DeviceTiming.UploadSeconds(device, [hostX, hostY]);
        var perStep = Bench.KernelTiming.WithThreads(threads, () =>
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < 10; i++) Step();
            return (GC.GetTotalAllocatedBytes(precise: true) - before) / 10.0 / (1 << 20);
        });
        // Peak tensor memory of one step: everything rented from the host pool at once, parameters and data included.
        HostMemoryPool.Shared.ResetPeak();
        Bench.KernelTiming.WithThreads(threads, () => { Step(); return 0; });
        double? peak = device.IsCpu ? HostMemoryPool.Shared.PeakLiveBytes / (double)(1 << 20) : null;
        return new Result(name, threads, batch, seconds * 1e3, perStep, peak, profile ? Profiled(threads, Step) : null, DeviceTiming.Describe(device), upload * 1e3);
    }

    /// <summary>Per-op kernel times over <see cref="ProfiledSteps"/> steps (run after the timed ones, so they do not slow them).</summary>
    private static IReadOnlyList<OpProfile.Entry> Profiled(int threads, Action step)
    {
        using var recording = OpProfile.Start();
        Bench.KernelTiming.WithThreads(threads, () =>
        {
            for (var i = 0; i < ProfiledSteps; i++) step();
            return 0;
        });
        return recording.Entries;
    }
}
