using System.Diagnostics;
using System.Globalization;
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
        var script = FindScript();
        var python = Environment.GetEnvironmentVariable(PythonVariable) ?? "/usr/bin/python3";
        if (script is null) { whyNot = $"{ScriptPath} not found above {Environment.CurrentDirectory}"; return null; }
        if (!File.Exists(python)) { whyNot = $"{python} not found (set {PythonVariable})"; return null; }

        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--gemm" }) start.ArgumentList.Add(arg);
        foreach (var g in gemm) start.ArgumentList.Add($"{g.M},{g.K},{g.N}");
        start.ArgumentList.Add("--conv");
        foreach (var c in conv) start.ArgumentList.Add(c.Spec);
        // torch.set_num_threads does not bind the BLAS that Debian's torch calls; these variables do.
        foreach (var variable in new[] { "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS" })
            start.Environment[variable] = threads.ToString(CultureInfo.InvariantCulture);
        // Idle OpenMP workers would otherwise spin on the cores the working threads need (up to 2x slower at 2 threads).
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) { whyNot = $"{python} {ScriptPath} exited with {process.ExitCode}: {stderr.Trim().Split('\n')[^1]}"; return null; }

        using var json = JsonDocument.Parse(stdout.Result);
        var gflops = json.RootElement.GetProperty("results").EnumerateArray().ToDictionary(
            r => (r.GetProperty("kind").GetString()!, r.GetProperty("shape").GetString()!),
            r => r.GetProperty("gflops").GetDouble());
        whyNot = null;
        return new Results(json.RootElement.GetProperty("torch").GetString()!, gflops);
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ScriptPath);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
