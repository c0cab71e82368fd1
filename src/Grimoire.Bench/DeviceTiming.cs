namespace Grimoire.Bench;

/// <summary>Timing on any device (cpu, gpu, gpu-sim), for <c>grimoire bench</c> and the CPU-vs-GPU report: kernel time with
/// the device's queue drained inside each sample, and host↔device copies timed on their own.</summary>
public static class DeviceTiming
{
    /// <summary>Median seconds per call of <paramref name="run"/> on <paramref name="device"/>. Each sample ends with a
    /// device synchronisation, so queued kernels are counted when they finish; on the host this is <see cref="MedianTimer"/>.</summary>
    public static double Seconds(Device device, Action run, int warmups = 2, int runs = 7, TimeSpan? minWarmup = null) =>
        Measure(device, run, warmups, runs, minWarmup).Median;

    /// <summary>As <see cref="Seconds"/>, with every sample (median and spread).</summary>
    public static Timing Measure(Device device, Action run, int warmups = 2, int runs = 7, TimeSpan? minWarmup = null) =>
        MedianTimer.Measure(run, warmups, runs, minWarmup, device.IsCpu ? null : () => DeviceBackends.Synchronize(device));

    /// <summary>Median seconds to copy the host tensors <paramref name="host"/> to <paramref name="device"/>, until the device
    /// holds them; 0 on the host, where nothing is copied.</summary>
    public static double UploadSeconds(Device device, IReadOnlyList<Tensor> host, int runs = 7) =>
        device.IsCpu ? 0 : Seconds(device, () =>
        {
            foreach (var t in host) t.To(device).Dispose();
        }, runs: runs);

    /// <summary>Median seconds to read the device tensors <paramref name="resident"/> back to the host (a read waits for the
    /// device); 0 for host tensors.</summary>
    public static double DownloadSeconds(IReadOnlyList<Tensor> resident, int runs = 7) =>
        resident.All(t => t.Device.IsCpu) ? 0 : MedianTimer.Seconds(() =>
        {
            foreach (var t in resident) t.To(Device.Cpu).Dispose();
        }, runs: runs);

    /// <summary>What the device is, for banners and JSON: e.g. "gpu (CUDA: NVIDIA H200, sm_90, …)" or "cpu".</summary>
    public static string Describe(Device device) => DeviceBackends.Describe(device);
}
