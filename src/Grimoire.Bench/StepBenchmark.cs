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
    public static readonly TimeSpan SteadyState = TimeSpan.FromSeconds(1.5);

    /// <summary>Both networks on <paramref name="device"/> (the host when null); the step time includes a device
    /// synchronisation per timed sample, so queued kernels count.</summary>
    /// <exception cref="DeviceException">the device is not on this machine.</exception>
    public static IEnumerable<Result> Run(int threads, bool profile = false, Device? device = null)
    {
        var on = device ?? Device.Cpu;
        foreach (var model in TrainingStepModel.Classifiers) yield return Measure(model, threads, profile, on);
    }

    private static Result Measure(TrainingStepModel definition, int threads, bool profile, Device device)
    {
        var rng = new Rng(0);
        using var hostX = Tensor.RandN(definition.Input, rng: rng);
        using var hostY = definition.Labels();
        using var x = hostX.To(device);
        using var y = hostY.To(device);
        using var model = definition.Build(rng);
        model.To(device);
        using var optimizer = definition.Optimizer(model);
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
        return new Result(definition.Name, threads, definition.Batch, seconds * 1e3, perStep, peak, profile ? Profiled(threads, Step) : null, DeviceTiming.Describe(device), upload * 1e3);
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
