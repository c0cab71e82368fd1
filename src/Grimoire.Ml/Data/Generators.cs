using System.Globalization;

namespace Grimoire.Ml.Data;

/// <summary>Data sets generated on demand, usable wherever a CSV is: <c>--data blobs:n=1000,d=2,centers=3,seed=0</c>
/// (isotropic Gaussian clusters, std 1, centers uniform in [-10, 10]^d, target = cluster index) and
/// <c>--data linear:n=1000,d=5,noise=0.1,seed=0</c> (y = X·w + 3 + noise with X and w standard normal). Same spec,
/// same data, on every machine.</summary>
public static class Generators
{
    private static readonly string[] Kinds = ["blobs", "linear"];

    /// <summary>True when <paramref name="text"/> starts with "blobs:" or "linear:".</summary>
    public static bool IsSpec(string text) => Kinds.Any(kind => text.StartsWith(kind + ":", StringComparison.Ordinal));

    /// <summary>The data set <paramref name="spec"/> (one <see cref="IsSpec"/> accepts) describes, target column "y";
    /// parameters left out take the defaults n=1000, d=2, centers=3, noise=0.1, seed=0.</summary>
    /// <exception cref="DataException">not a spec (no "blobs:" or "linear:" prefix), an unknown parameter, a part that
    /// is not key=number, or sizes out of range (n, d, centers ≥ 1 and n·d ≤ 50 million).</exception>
    public static Dataset Generate(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!IsSpec(spec)) throw new DataException($"'{spec}' is not a generator spec: expected blobs:key=value,... or linear:key=value,...");
        var colon = spec.IndexOf(':');
        var kind = spec[..colon];
        var args = ParseArgs(spec, spec[(colon + 1)..]);
        double Arg(string key, double fallback) => args.Remove(key, out var v) ? v : fallback;
        var n = (int)Arg("n", 1000);
        var d = (int)Arg("d", 2);
        var seed = (int)Arg("seed", 0);
        var centers = (int)Arg("centers", 3);
        var noise = Arg("noise", 0.1);
        if (args.Count > 0) throw new DataException($"{spec}: unknown parameter '{args.Keys.First()}' (blobs: n, d, centers, seed; linear: n, d, noise, seed)");
        if (n < 1 || d < 1 || centers < 1 || n > 50_000_000 / d) throw new DataException($"{spec}: need n >= 1, d >= 1, centers >= 1 and n*d <= 50 million");
        var rng = new Random(seed);
        var x = new double[n * d];
        var y = new double[n];
        if (kind == "blobs")
        {
            var middles = Enumerable.Range(0, centers * d).Select(_ => rng.NextDouble() * 20 - 10).ToArray();
            for (var i = 0; i < n; i++)
            {
                var c = i % centers;
                y[i] = c;
                for (var f = 0; f < d; f++) x[i * d + f] = middles[c * d + f] + rng.NextGaussian();
            }
        }
        else
        {
            var w = Enumerable.Range(0, d).Select(_ => rng.NextGaussian()).ToArray();
            for (var i = 0; i < n; i++)
            {
                var sum = 3.0;
                for (var f = 0; f < d; f++) sum += (x[i * d + f] = rng.NextGaussian()) * w[f];
                y[i] = sum + noise * rng.NextGaussian();
            }
        }
        var names = Enumerable.Range(0, d).Select(f => $"x{f}").ToArray();
        return new Dataset(spec, names, Tensor.FromArray(x, new Shape(n, d)), "y", Tensor.FromArray(y, new Shape(n)));
    }

    private static Dictionary<string, double> ParseArgs(string spec, string text)
    {
        var args = new Dictionary<string, double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                throw new DataException($"{spec}: '{part}' is not key=number");
            args[part[..eq]] = v;
        }
        return args;
    }
}
