namespace Grimoire.Bench.Reports.Comparison;

/// <summary>What <c>grimoire report</c> measures and where it writes.</summary>
/// <param name="OutputDirectory">Directory for report.html, report.md, report.csv and report.json (created if missing).</param>
/// <param name="Quick">Fewer sizes, one thread count for kernels and a short warm-up: under two minutes on two cores.</param>
/// <param name="Devices">Devices to measure: "cpu", "gpu", "gpu-sim"; one that is not on this machine is reported as not measured.</param>
/// <param name="Peers">Also run libtorch (Debian python3-torch) on the same GEMM, convolution and model steps.</param>
/// <param name="Command">The command line, as the report quotes it.</param>
/// <param name="Sizes">The sweep's sizes; <see cref="SweepSizes.Quick"/> or <see cref="SweepSizes.Full"/> unless a caller needs others.</param>
/// <param name="Models">Whether to time the model-level training steps.</param>
/// <param name="Ops">Only these ops in the kernel sweep (all when null).</param>
/// <param name="Ceilings">Host ceilings measured earlier, to reuse instead of measuring them again (one per <see cref="Threads"/>).</param>
public sealed record ReportOptions(string OutputDirectory, bool Quick, IReadOnlyList<string> Devices, bool Peers, string Command, SweepSizes? Sizes = null, bool Models = true,
    IReadOnlyList<string>? Ops = null, IReadOnlyList<Ceiling>? Ceilings = null)
{
    /// <summary>The devices a report can be asked for: the host, a real GPU, and ILGPU's CPU simulator (to exercise the GPU
    /// path without a GPU; its figures say nothing about a GPU and no speed-up uses them).</summary>
    public static readonly IReadOnlyList<string> KnownDevices = ["cpu", "gpu", "gpu-sim"];

    public SweepSizes SweepSizes => Sizes ?? (Quick ? SweepSizes.Quick : SweepSizes.Full);

    /// <summary>Host thread counts for the model steps and (full run) kernels: one, and every logical processor.</summary>
    public int[] Threads => KernelTiming.ThreadCounts;

    /// <summary>Host thread counts for the kernel sweep; a quick run times kernels on every logical processor only.</summary>
    public int[] KernelThreads => Quick ? [Environment.ProcessorCount] : Threads;

    /// <summary>Warm-up before a kernel's timed samples (at least this long, and at least two calls).</summary>
    public TimeSpan KernelWarmup => Quick ? TimeSpan.FromMilliseconds(30) : MedianTimer.MinWarmup;

    public int KernelRuns => Quick ? 5 : 7;

    /// <summary>Warm-up before a training step's timed samples: long enough for tiered JIT to optimise what a step calls once.</summary>
    public TimeSpan StepWarmup => Quick ? TimeSpan.FromMilliseconds(400) : StepBenchmark.SteadyState;

    public int StepRuns => Quick ? 5 : 9;

    /// <exception cref="ArgumentException">no device, or a device the report does not know.</exception>
    public void Validate()
    {
        if (Devices.Count == 0) throw new ArgumentException("--devices needs at least one of cpu, gpu, gpu-sim");
        foreach (var device in Devices)
        {
            if (!KnownDevices.Contains(device)) throw new ArgumentException($"--devices: unknown device '{device}' (known: {string.Join(", ", KnownDevices)})");
        }
        if (Ceilings is not null && !Ceilings.Select(c => c.Threads).Order().SequenceEqual(Threads.Order()))
            throw new ArgumentException($"ceilings must be given for exactly the thread counts {string.Join(", ", Threads)}");
    }
}
