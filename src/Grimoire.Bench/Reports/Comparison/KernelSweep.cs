using Grimoire.Kernels;

namespace Grimoire.Bench.Reports.Comparison;

/// <summary>Times every usable non-reference float32 kernel of each swept op on one device, at every size and thread
/// count, on operands prepared once (the kernel alone, as <see cref="KernelTiming"/> does). Reference kernels are left
/// out: they are the slow, plain definitions the others are checked against.</summary>
public static class KernelSweep
{
    /// <summary>One row per kernel, size and thread count; a kernel that throws is skipped and named in <paramref name="notes"/>.</summary>
    /// <param name="ceilings">The host's measured ceilings by thread count (for the percentages of CPU rows).</param>
    public static IEnumerable<KernelRow> Run(Device device, DeviceInfo info, IReadOnlyList<Ceiling> ceilings, ReportOptions options, List<string> notes, Action<string> progress)
    {
        foreach (var w in KernelWorkloads.All(options.SweepSizes).Where(w => options.Ops?.Contains(w.Op) ?? true))
        {
            var contenders = KernelTiming.Contenders(w.Op, device.Backend);
            if (contenders.Count == 0) continue;
            progress($"{device} {w.Op} {w.Size}");
            using var scope = new TensorScope();
            var inputs = w.Inputs.Select((s, i) => Tensor.RandU(s, 0.1, 2, new Rng((ulong)i + 1)).To(device)).ToArray();
            var output = Tensor.Zeros(w.Output, device: device);
            foreach (var kernel in contenders)
            foreach (var threads in device.IsCpu ? options.KernelThreads.Select(t => (int?)t) : [null])
            {
                Timing timing;
                try
                {
                    timing = KernelTiming.WithThreads(threads ?? Environment.ProcessorCount,
                        () => ReportDevices.Measure(device, () => kernel.Run(inputs, output, w.Attributes), options.KernelWarmup, options.KernelRuns));
                }
                catch (Exception e) when (e is GrimoireException or ArgumentException or InvalidOperationException)
                {
                    notes.Add($"{w.Op}:{kernel.Info.Variant} on {device} at {w.Size} failed, not reported: {e.Message}");
                    continue;
                }
                var ceiling = threads is { } t ? ceilings.FirstOrDefault(c => c.Threads == t) : null;
                var peak = w.ComputeBound ? ceiling?.FmaGflops ?? info.PeakGflops : ceiling?.TriadGigabytesPerSecond ?? info.BandwidthGigabytesPerSecond;
                var rate = w.ComputeBound ? w.Flops / timing.Median / 1e9 : w.Bytes / timing.Median / 1e9;
                yield return new KernelRow(device.Backend, w.Op, $"{w.Op}:{kernel.Info.Variant}", kernel.Info.Backend, IsPeer(kernel.Info),
                    w.Size, w.SizeValue, threads, timing, timing.Median, w.Flops, w.Bytes, w.ComputeBound, peak is { } p ? 100 * rate / p : null, RatioToBest: 1);
            }
        }
    }

    /// <summary>Host→device and device→host copies of each element count (a device's rows only): the traffic a GPU kernel's
    /// figure leaves out, timed apart as <see cref="DeviceTiming"/> does (median only).</summary>
    public static IEnumerable<KernelRow> Copies(Device device, ReportOptions options, Action<string> progress)
    {
        if (device.IsCpu) yield break;
        foreach (var n in options.SweepSizes.Elements)
        {
            progress($"{device} copies of 2^{int.Log2(n)} floats");
            using var host = Tensor.RandU(new Shape(n), 0.1, 2, new Rng(1));
            using var resident = host.To(device);
            var (size, bytes) = ($"2^{int.Log2(n)} elements", 4.0 * n);
            foreach (var (op, seconds) in new[] { ("copy_to_device", DeviceTiming.UploadSeconds(device, [host], options.KernelRuns)), ("copy_to_host", DeviceTiming.DownloadSeconds([resident], options.KernelRuns)) })
                yield return new KernelRow(device.Backend, op, $"{op}:transfer", device.Backend, false, size, n, null, null, seconds, 0, bytes, false, null, RatioToBest: 1);
        }
    }

    /// <summary>A vendor library the native backend calls (OpenBLAS and the like) is a peer, not the engine's own kernel.</summary>
    public static bool IsPeer(KernelInfo kernel) => kernel.Backend == "native" && kernel.Variant.StartsWith("native-", StringComparison.Ordinal);

    /// <summary>Ops that have non-reference float32 kernels on <paramref name="device"/> but no workload in the sweep.</summary>
    public static IEnumerable<string> NotSwept(string device, SweepSizes sizes)
    {
        var swept = KernelWorkloads.All(sizes).Select(w => w.Op).ToHashSet();
        return KernelRegistry.All.Where(k => k.Info.Device == device && !k.Info.IsReference && !swept.Contains(k.Info.Op))
            .Select(k => k.Info.Op).Distinct().Order(StringComparer.Ordinal);
    }

    /// <summary>Each row's rate over the best rate of its op and size across devices and implementations.</summary>
    public static IReadOnlyList<KernelRow> WithRatios(IReadOnlyList<KernelRow> rows)
    {
        var best = rows.GroupBy(r => (r.Op, r.Size)).ToDictionary(g => g.Key, g => g.Max(r => r.Rate));
        return [.. rows.Select(r => r with { RatioToBest = r.Rate / best[(r.Op, r.Size)] })];
    }
}
