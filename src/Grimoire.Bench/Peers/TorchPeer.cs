using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;

namespace Grimoire.Bench.Peers;

/// <summary>Runs benchmarks/peers/torch_peer.py (libtorch through Debian's python3-torch) for one thread
/// count and returns GFLOP/s by (kind, shape spec). Absent python or torch is a reason, not an error:
/// the report then says why the column is missing.</summary>
public static class TorchPeer
{
    public const string ScriptPath = "benchmarks/peers/torch_peer.py";
    private const string PythonVariable = "GRIMOIRE_PYTHON";

    public sealed record Results(string Version, IReadOnlyDictionary<(string Kind, string Shape), double> Gflops);

    public static Results? TryRun(int threads, IEnumerable<GemmShape> gemm, IEnumerable<ConvShape> conv, out string? whyNot)
    {
        List<string> args = ["--threads", threads.ToString(CultureInfo.InvariantCulture), "--gemm", .. gemm.Select(g => $"{g.M},{g.K},{g.N}"), "--conv", .. conv.Select(c => c.Spec)];
        if (TryRunScript(ScriptPath, args, threads, out whyNot) is not { } root) return null;
        var gflops = root.GetProperty("results").EnumerateArray().ToDictionary(
            r => (r.GetProperty("kind").GetString()!, r.GetProperty("shape").GetString()!),
            r => r.GetProperty("gflops").GetDouble());
        return new Results(root.GetProperty("torch").GetString()!, gflops);
    }

    /// <summary>Runs a peer script (a path under the repository root) with its thread variables set to <paramref name="threads"/>
    /// (the script's own thread argument, if any, is in <paramref name="args"/>) and returns the
    /// JSON object it prints on its last line, or null with the reason (no python, no torch, no script, a failure).</summary>
    public static JsonElement? TryRunScript(string scriptPath, IEnumerable<string> args, int threads, out string? whyNot)
    {
        var script = FindScript(scriptPath);
        var python = Environment.GetEnvironmentVariable(PythonVariable) ?? "/usr/bin/python3";
        if (script is null) { whyNot = $"{scriptPath} not found above {Environment.CurrentDirectory}"; return null; }
        if (!File.Exists(python)) { whyNot = $"{python} not found (set {PythonVariable})"; return null; }

        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // torch.set_num_threads does not bind the BLAS that Debian's torch calls; these variables do.
        foreach (var variable in new[] { "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS" })
            start.Environment[variable] = threads.ToString(CultureInfo.InvariantCulture);
        // Idle OpenMP workers would otherwise spin on the cores the working threads need (up to 2x slower at 2 threads).
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        LimitToEngineIsa(start.Environment);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) { whyNot = $"{python} {scriptPath} exited with {process.ExitCode}: {stderr.Trim().Split('\n')[^1]}"; return null; }
        var last = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (last is null) { whyNot = $"{python} {scriptPath} printed nothing"; return null; }
        using var json = JsonDocument.Parse(last);
        whyNot = null;
        return json.RootElement.Clone();
    }

    private static string? FindScript(string scriptPath)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, scriptPath);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>When the engine runs without AVX-512 on a CPU that has it (DOTNET_EnableAVX512=0), the peer is held to
    /// AVX2 too, so the ratio compares like with like: ATen's kernels by ATEN_CPU_CAPABILITY, oneDNN's convolutions by
    /// DNNL_MAX_CPU_ISA (ATen's variable alone leaves them on AVX-512). Values the caller set stand.</summary>
    private static void LimitToEngineIsa(IDictionary<string, string?> environment)
    {
        if (Vector512.IsHardwareAccelerated || !Avx2.IsSupported || !CpuHasAvx512()) return;
        environment.TryAdd("ATEN_CPU_CAPABILITY", "avx2");
        environment.TryAdd("DNNL_MAX_CPU_ISA", "AVX2");
    }

    /// <summary>AVX-512F in CPUID leaf 7 (EBX bit 16), whatever the runtime was told to use.</summary>
    private static bool CpuHasAvx512() =>
        X86Base.IsSupported && X86Base.CpuId(0, 0).Eax >= 7 && (X86Base.CpuId(7, 0).Ebx & (1 << 16)) != 0;
}
