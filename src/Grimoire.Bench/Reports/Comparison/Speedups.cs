namespace Grimoire.Bench.Reports.Comparison;

/// <summary>GPU over CPU, from measured rows only: per op and size the best engine kernel on each device, and per model the
/// fastest engine step on each. Empty when either device has no figures, so a missing GPU never yields a number.</summary>
public static class Speedups
{
    /// <param name="Sizes">(size, GPU rate / CPU rate) in sweep order.</param>
    /// <param name="GpuWinsFrom">The smallest size from which the GPU is faster at every larger size measured; null when it
    /// is not faster at the largest.</param>
    public sealed record KernelSpeedup(string Op, IReadOnlyList<(string Size, double Speedup)> Sizes, string? GpuWinsFrom);

    public sealed record ModelSpeedup(string Model, double CpuMilliseconds, double GpuMilliseconds)
    {
        public double Speedup => CpuMilliseconds / GpuMilliseconds;
    }

    public static IReadOnlyList<KernelSpeedup> Kernels(ReportData data)
    {
        var engine = data.Kernels.Where(r => !r.Peer).ToList();
        var result = new List<KernelSpeedup>();
        foreach (var op in engine.Where(r => r.Device == "gpu").Select(r => r.Op).Distinct())
        {
            var sizes = engine.Where(r => r.Op == op).GroupBy(r => (r.Size, r.SizeValue)).OrderBy(g => g.Key.SizeValue)
                .Select(g => (g.Key.Size, Cpu: g.Where(r => r.Device == "cpu").Select(r => r.Rate).DefaultIfEmpty().Max(), Gpu: g.Where(r => r.Device == "gpu").Select(r => r.Rate).DefaultIfEmpty().Max()))
                .Where(s => s.Cpu > 0 && s.Gpu > 0).Select(s => (s.Size, s.Gpu / s.Cpu)).ToList();
            if (sizes.Count == 0) continue;
            var firstOfLastWinningRun = sizes.Count;
            while (firstOfLastWinningRun > 0 && sizes[firstOfLastWinningRun - 1].Item2 > 1) firstOfLastWinningRun--;
            result.Add(new KernelSpeedup(op, sizes, firstOfLastWinningRun < sizes.Count ? sizes[firstOfLastWinningRun].Size : null));
        }
        return result;
    }

    public static IReadOnlyList<ModelSpeedup> Models(ReportData data)
    {
        double? Best(string model, string device) =>
            data.Models.Where(r => r.Model == model && r.Device == device && r.Implementation == "grimoire" && r.MedianMilliseconds is not null)
                .Select(r => r.MedianMilliseconds!.Value).DefaultIfEmpty().Min() is var ms and > 0 ? ms : null;
        return [.. data.Models.Select(r => r.Model).Distinct()
            .Select(m => (m, Cpu: Best(m, "cpu"), Gpu: Best(m, "gpu")))
            .Where(x => x.Cpu is not null && x.Gpu is not null)
            .Select(x => new ModelSpeedup(x.m, x.Cpu!.Value, x.Gpu!.Value))];
    }
}
