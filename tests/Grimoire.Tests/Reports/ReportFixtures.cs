using Grimoire.Bench;
using Grimoire.Bench.Reports.Comparison;

namespace Grimoire.Tests.Reports;

/// <summary>Small synthetic report data (made-up timings, never published) for the renderers and the browser test.</summary>
internal static class ReportFixtures
{
    private static readonly Ceiling[] Ceilings = [new(1, 280, 48), new(2, 550, 55)];

    private static MachineInfo Machine => new("Test CPU", "avx2+fma", 2, "L1d 48K", "Linux", ".NET 10", "abc123", "0.1 / 0.1 / 0.1", Ceilings);

    private static KernelRow Row(string device, string op, string variant, double n, double seconds, bool peer = false)
    {
        var (flops, bytes, compute) = op == "matmul" ? (2 * n * n * n, 12 * n * n, true) : (n, 8 * n, false);
        int? threads = device == "cpu" ? 2 : null;
        var size = op == "matmul" ? $"n={n}" : $"2^{Math.Log2(n)} elements";
        return new KernelRow(device, op, peer ? variant : $"{op}:{variant}", peer ? "peer" : device, peer, size, n, threads,
            peer ? null : new Timing([seconds * 0.9, seconds, seconds * 1.2]), seconds, flops, bytes, compute, 50, 1);
    }

    private static ModelRow Model(string model, string device, string implementation, int? threads, double? ms, string? missing = null) =>
        new(model, $"{model} test model", device, implementation, threads, ms is { } m && implementation == "grimoire" ? new Timing([m * 0.9, m, m * 1.1]) : null, ms, missing);

    /// <summary>A host-only report, as on a machine without a GPU.</summary>
    public static ReportData CpuOnly() => new("2026-01-01", "grimoire report --quick", true, Machine,
        [new("cpu", true, "Test CPU", null, null, null, 550, 55, "measured", null), DeviceInfo.Missing("gpu", "ILGPU found no CUDA or OpenCL accelerator")],
        KernelSweep.WithRatios([
            Row("cpu", "matmul", "avx512", 64, 2e-6), Row("cpu", "matmul", "avx512", 256, 8e-5), Row("cpu", "matmul", "avx2", 256, 1.5e-4),
            Row("cpu", "matmul", "libtorch 1.13", 256, 1.2e-4, peer: true),
            Row("cpu", "exp", "avx512", 1 << 14, 3e-6), Row("cpu", "exp", "avx512", 1 << 20, 3e-4),
        ]),
        [Model("mlp", "cpu", "grimoire", 1, 0.9), Model("mlp", "cpu", "libtorch 1.13", 1, 4.9), Model("transformer", "cpu", "grimoire", null, null, "not available: no layers")],
        ["adam_update"], ["a note"]);

    /// <summary>The same with a GPU that is slower than the host at the small sizes and faster at the large ones.</summary>
    public static ReportData WithGpu()
    {
        var cpu = CpuOnly();
        return cpu with
        {
            Devices = [cpu.Devices[0], new("gpu", true, "CUDA: Test GPU", 80L << 30, "9.0", "CUDA 12.4", 60000, 4000, "nominal (datasheet)", null)],
            Kernels = KernelSweep.WithRatios([.. cpu.Kernels, Row("gpu", "matmul", "ilgpu", 64, 1e-5), Row("gpu", "matmul", "ilgpu", 256, 2e-5),
                Row("gpu", "exp", "ilgpu", 1 << 14, 1e-6), Row("gpu", "exp", "ilgpu", 1 << 20, 1e-3)]),
            Models = [.. cpu.Models, Model("mlp", "gpu", "grimoire", null, 0.3)],
        };
    }
}
