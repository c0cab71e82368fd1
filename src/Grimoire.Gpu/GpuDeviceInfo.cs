namespace Grimoire.Gpu;

/// <summary>What a gpu device really is, for banners and reports.</summary>
/// <param name="Device">"gpu" or "gpu-sim".</param>
/// <param name="Kind">"CUDA", "OpenCL" or "CPU simulator".</param>
/// <param name="Name">The accelerator's name as the driver reports it.</param>
/// <param name="MemoryBytes">Device memory; null for the simulator, whose memory is the host's.</param>
/// <param name="Multiprocessors">Streaming multiprocessors (compute units).</param>
/// <param name="MaxThreadsPerGroup">Largest thread group.</param>
/// <param name="WarpSize">Threads per warp.</param>
/// <param name="ComputeCapability">CUDA compute capability, e.g. "9.0"; null elsewhere.</param>
/// <param name="Driver">Driver version (CUDA) or OpenCL version; null for the simulator.</param>
/// <param name="NominalFp32Gflops">float32 FMA peak from the clock, multiprocessors and the FP32 lanes per multiprocessor
/// of its compute capability (a datasheet figure, not a measurement); null where unknown.</param>
/// <param name="NominalBandwidthGBs">Memory bandwidth from the memory clock and bus width (double data rate); null where unknown.</param>
public sealed record GpuDeviceInfo(string Device, string Kind, string Name, long? MemoryBytes, int Multiprocessors, int MaxThreadsPerGroup, int WarpSize,
    string? ComputeCapability, string? Driver, double? NominalFp32Gflops, double? NominalBandwidthGBs)
{
    /// <summary>One line: kind, name, and memory or compute capability where known.</summary>
    public string Summary =>
        $"{Kind}: {Name}" + (ComputeCapability is null ? "" : $", sm_{ComputeCapability.Replace(".", "")}") +
        (MemoryBytes is { } bytes ? $", {bytes / (1 << 20)} MiB" : "") + $", {Multiprocessors} SMs, {MaxThreadsPerGroup} threads/group";
}
