namespace Grimoire.Kernels;

/// <summary>Forced kernel variants per op; "*" applies to every op that has the variant.</summary>
internal sealed class KernelOverrides
{
    public static readonly KernelOverrides Empty = new([]);
    private readonly Dictionary<string, string> _byOp;

    private KernelOverrides(Dictionary<string, string> byOp) => _byOp = byOp;

    /// <summary>Parses "op:variant[,op:variant…]"; malformed entries and unknown ops are reported, not silently ignored.</summary>
    public static KernelOverrides Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) return Empty;
        var map = new Dictionary<string, string>();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':');
            var (op, variant) = colon < 0 ? ("", "") : (part[..colon].Trim(), part[(colon + 1)..].Trim());
            if (op.Length == 0 || variant.Length == 0)
                throw new KernelNotFoundException($"{KernelRegistry.EnvironmentVariable} entry '{part}' is not of the form op:variant (e.g. matmul:avx2 or *:reference)");
            RequireKnownOp(op, $"{KernelRegistry.EnvironmentVariable} entry '{part}'");
            map[op] = variant;
        }
        return new KernelOverrides(map);
    }

    public KernelOverrides With(string op, string variant)
    {
        RequireKnownOp(op, $"forcing '{op}:{variant}'");
        if (string.IsNullOrWhiteSpace(variant)) throw new KernelNotFoundException($"forcing '{op}:{variant}': the variant name is empty");
        return new(new Dictionary<string, string>(_byOp) { [op] = variant });
    }

    /// <summary>Throws unless <paramref name="op"/> is an op or "*", so a misspelt op is reported rather than never matched.</summary>
    private static void RequireKnownOp(string op, string context)
    {
        if (op != "*" && !Ops.OpNames.All.Contains(op))
            throw new KernelNotFoundException($"{context} names no op '{op}'; known ops: {string.Join(", ", Ops.OpNames.All)}");
    }

    public (string Variant, bool Wildcard)? VariantFor(string op) =>
        _byOp.TryGetValue(op, out var v) ? (v, false)
        : _byOp.TryGetValue("*", out var w) ? (w, true)
        : null;

    public override string ToString() => _byOp.Count == 0 ? "(none)" : string.Join(",", _byOp.Select(kv => $"{kv.Key}:{kv.Value}"));
}
