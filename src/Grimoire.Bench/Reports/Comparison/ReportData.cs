namespace Grimoire.Bench.Reports.Comparison;

/// <summary>Everything one <c>grimoire report</c> run measured; the HTML, Markdown, CSV and JSON files are views of it, so
/// they carry the same numbers. A figure that was not measured is absent (null, or a row saying why), never estimated.</summary>
/// <param name="Date">UTC date of the run, yyyy-MM-dd.</param>
/// <param name="Command">The exact command that produced it.</param>
/// <param name="Quick">True for a <c>--quick</c> run (fewer sizes, shorter warm-up).</param>
/// <param name="Machine">The host: CPU, ceilings, OS, runtime, commit.</param>
/// <param name="Devices">Every device asked for, measured or not (with the reason).</param>
/// <param name="Kernels">One row per kernel, device, size and thread count.</param>
/// <param name="Models">One row per model, device, implementation and thread count.</param>
/// <param name="NotSwept">Ops with kernels that the sweep has no workload for, so they are not in <paramref name="Kernels"/>.</param>
/// <param name="Notes">Peers that were not run and why, measurements that failed and why.</param>
public sealed record ReportData(string Date, string Command, bool Quick, MachineInfo Machine, IReadOnlyList<DeviceInfo> Devices,
    IReadOnlyList<KernelRow> Kernels, IReadOnlyList<ModelRow> Models, IReadOnlyList<string> NotSwept, IReadOnlyList<string> Notes);

/// <param name="LoadAverage">The 1-minute load average before and after the run (the machine may be shared).</param>
/// <param name="Commit">git commit of the working tree (with "+changes" when it has uncommitted edits), or why unknown.</param>
public sealed record MachineInfo(string CpuModel, string Isas, int LogicalProcessors, string Caches, string Os, string Runtime, string Commit,
    string LoadAverage, IReadOnlyList<Ceiling> Ceilings);

/// <summary>The host's measured ceilings at one thread count.</summary>
public sealed record Ceiling(int Threads, double FmaGflops, double TriadGigabytesPerSecond);

/// <summary>A device the report was asked to measure.</summary>
/// <param name="Device">"cpu" or "gpu".</param>
/// <param name="Measured">False when it is not on this machine; then only <paramref name="NotMeasured"/> ("no device") and the description (why) are set.</param>
/// <param name="Description">What it is (CPU model, or GPU kind and name).</param>
/// <param name="MemoryBytes">Device memory (GPU).</param>
/// <param name="ComputeCapability">CUDA compute capability (GPU).</param>
/// <param name="Driver">Driver version (GPU).</param>
/// <param name="PeakGflops">The float32 ceiling the percentages use: measured FMA peak on the CPU at the most threads, the
/// nominal FP32 peak on a GPU; null where unknown.</param>
/// <param name="BandwidthGigabytesPerSecond">The memory ceiling: measured triad bandwidth (CPU), nominal bandwidth (GPU).</param>
/// <param name="CeilingSource">Where the ceilings come from ("measured" or "nominal (datasheet)").</param>
public sealed record DeviceInfo(string Device, bool Measured, string Description, long? MemoryBytes, string? ComputeCapability, string? Driver,
    double? PeakGflops, double? BandwidthGigabytesPerSecond, string CeilingSource, string? NotMeasured)
{
    /// <summary>A device that is not on this machine: "no device", with the backend's own account of why.</summary>
    public static DeviceInfo Missing(string device, string detail) => new(device, false, $"not on this machine: {detail}", null, null, null, null, null, "", "no device");
}

/// <summary>One kernel timed on one size.</summary>
/// <param name="Implementation">"op:variant" for the engine's kernels, or the peer's name (libtorch).</param>
/// <param name="Backend">The kernel's backend (cpu, native, gpu) or "peer".</param>
/// <param name="Peer">True for another library's figure, shown beside the engine's.</param>
/// <param name="Size">The size as people write it ("n=512", "2^20 elements", "batch 16").</param>
/// <param name="SizeValue">The size as a number, for plots and the GPU's break-even size.</param>
/// <param name="Threads">Host threads (null on a GPU).</param>
/// <param name="Seconds">Median, fastest and slowest of the timed samples; null for a peer that reports only its median.</param>
/// <param name="MedianSeconds">Median seconds per call.</param>
/// <param name="Flops">Floating-point operations per call (nominal: one per element for elementwise ops).</param>
/// <param name="Bytes">Compulsory memory traffic per call: inputs read once, output written once.</param>
/// <param name="ComputeBound">True when the rate is GFLOP/s against the FMA peak, false for GB/s against the bandwidth.</param>
/// <param name="PercentOfCeiling">Rate as a percentage of the device's ceiling; null where the ceiling is unknown.</param>
/// <param name="RatioToBest">Rate over the best rate of the same op and size on any device and implementation (1 for the best).</param>
public sealed record KernelRow(string Device, string Op, string Implementation, string Backend, bool Peer, string Size, double SizeValue, int? Threads,
    Timing? Seconds, double MedianSeconds, double Flops, double Bytes, bool ComputeBound, double? PercentOfCeiling, double RatioToBest)
{
    public double Gflops => Flops / MedianSeconds / 1e9;

    public double GigabytesPerSecond => Bytes / MedianSeconds / 1e9;

    /// <summary>The rate in the row's unit (<see cref="Unit"/>).</summary>
    public double Rate => ComputeBound ? Gflops : GigabytesPerSecond;

    public string Unit => ComputeBound ? "GFLOP/s" : "GB/s";

    /// <summary>Flops per byte of compulsory traffic: where the kernel sits on the roofline.</summary>
    public double Intensity => Flops / Bytes;
}

/// <summary>One model's training step (or PPO update) on one device.</summary>
/// <param name="Implementation">"grimoire" or a peer ("libtorch").</param>
/// <param name="Milliseconds">Median and spread of the step time; null for a model not available, or a peer that reports its median only.</param>
/// <param name="MedianMilliseconds">Median step time; null when not measured.</param>
/// <param name="NotAvailable">Why there is no figure (layers not in the engine, no peer script), else null.</param>
public sealed record ModelRow(string Model, string Description, string Device, string Implementation, int? Threads, Timing? Milliseconds, double? MedianMilliseconds, string? NotAvailable);
