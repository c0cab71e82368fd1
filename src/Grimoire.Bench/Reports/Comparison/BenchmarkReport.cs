using System.Globalization;

namespace Grimoire.Bench.Reports.Comparison;

/// <summary>`grimoire report`: measures the machine, every kernel on every device asked for, the model steps and (when asked)
/// the libtorch peers in one run, and writes the result as HTML, Markdown, CSV and JSON.</summary>
public static class BenchmarkReport
{
    /// <summary>Everything the report shows, measured now.</summary>
    /// <exception cref="ArgumentException">bad options (<see cref="ReportOptions.Validate"/>).</exception>
    public static ReportData Measure(ReportOptions options, Action<string> progress)
    {
        options.Validate();
        var load = MachineProbe.LoadAverage();
        progress("ceilings (FMA peak, triad bandwidth)");
        var ceilings = options.Ceilings ?? MachineProbe.Ceilings(options.Threads);
        var notes = new List<string>();
        var kernels = new List<KernelRow>();
        var models = new List<ModelRow>();
        var devices = new List<DeviceInfo>();
        var notSwept = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in options.Devices)
        {
            var (found, info) = ReportDevices.Probe(name, ceilings);
            devices.Add(info);
            if (found is not { } device) continue;
            kernels.AddRange(KernelSweep.Run(device, info, device.IsCpu ? ceilings : [], options, notes, progress).ToList());
            kernels.AddRange(KernelSweep.Copies(device, options, progress).ToList());
            notSwept.UnionWith(KernelSweep.NotSwept(device.Backend, options.SweepSizes));
            if (options.Models) models.AddRange(ModelSteps.Run(device, options, notes, progress).ToList());
        }
        if (options.Peers && options.Devices.Contains("cpu"))
        {
            kernels.AddRange(ReportPeers.Kernels(options, ceilings, notes, progress).ToList());
            if (options.Models) models.AddRange(ReportPeers.Models(options, models, notes, progress).ToList());
        }
        else if (!options.Peers) notes.Add("Peers (libtorch) not run: pass --peers. OpenBLAS, where installed, is always timed as the native-openblas matmul kernel.");
        if (MachineProbe.Overloaded(load) is { } warning) notes.Insert(0, warning);
        // The machine last, so its load average covers the whole run.
        return new ReportData(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), options.Command, options.Quick,
            MachineProbe.Describe(ceilings, load), devices, KernelSweep.WithRatios(kernels), models, [.. notSwept], notes);
    }
}
