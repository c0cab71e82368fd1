using System.Globalization;

namespace Grimoire.Ml.Models;

/// <summary>A model's key=value settings with scikit-learn's names. A model reads each key it knows with a default;
/// <see cref="RejectUnread"/> then turns any key it did not read into an error naming the keys it knows.</summary>
public sealed class ModelSettings
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = [];

    public ModelSettings(IEnumerable<string> pairs)
    {
        _values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new ModelException($"--set expects key=value, got '{pair}'");
            var key = pair[..eq].Trim();
            if (!_values.TryAdd(key, pair[(eq + 1)..].Trim())) throw new ModelException($"setting '{key}' is given twice");
        }
    }

    public static ModelSettings Empty => new([]);

    public double Double(string key, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool exclusiveMin = false)
    {
        if (!Take(key, out var text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new ModelException($"setting '{key}' must be a number, got '{text}'");
        if (v < min || v > max || (exclusiveMin && v == min))
            throw new ModelException($"setting '{key}' must be {(exclusiveMin ? ">" : ">=")} {min.ToString(CultureInfo.InvariantCulture)}{(double.IsPositiveInfinity(max) ? "" : $" and <= {max.ToString(CultureInfo.InvariantCulture)}")}, got {text}");
        return v;
    }

    public int Int(string key, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!Take(key, out var text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) throw new ModelException($"setting '{key}' must be an integer, got '{text}'");
        if (v < min || v > max) throw new ModelException($"setting '{key}' must be between {min} and {max}, got {v}");
        return v;
    }

    public bool Bool(string key, bool fallback)
    {
        if (!Take(key, out var text)) return fallback;
        return text.ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new ModelException($"setting '{key}' must be true or false, got '{text}'"),
        };
    }

    public string Choice(string key, string fallback, params string[] allowed)
    {
        if (!Take(key, out var text)) return fallback;
        if (!allowed.Contains(text)) throw new ModelException($"setting '{key}' must be one of {string.Join(", ", allowed)}, got '{text}'");
        return text;
    }

    /// <summary>Fails on the first setting no model read, listing what <paramref name="model"/> accepts.</summary>
    public void RejectUnread(string model)
    {
        var unknown = _values.Keys.FirstOrDefault(k => !_read.Contains(k));
        if (unknown is not null)
            throw new ModelException($"unknown setting '{unknown}' for {model}; it accepts: {string.Join(", ", _read.Order())}");
    }

    private bool Take(string key, out string text)
    {
        _read.Add(key);
        return _values.TryGetValue(key, out text!);
    }
}
