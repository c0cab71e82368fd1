namespace Grimoire.Ml.Models;

/// <summary>A model's key=value settings with scikit-learn's names, as the CLI's `--set` gives them. A plugin binds
/// them to its typed estimator (<see cref="Settings.EstimatorSettings.Bind{T}"/>), which reads each key it knows;
/// <see cref="RejectUnread"/> then turns any key it did not read into an error naming the keys it knows. It records
/// which keys were read, so one instance serves one bind on one thread.</summary>
public sealed class ModelSettings
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = [];

    /// <summary>Settings from "key=value" texts (key and value trimmed).</summary>
    /// <exception cref="ModelException">a text has no key before '=', or a key is given twice.</exception>
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

    /// <summary>No settings: every setting keeps its default. A new instance each time.</summary>
    public static ModelSettings Empty => new([]);

    /// <summary>Fails on the first setting no model read, listing what <paramref name="model"/> accepts.</summary>
    public void RejectUnread(string model)
    {
        var unknown = _values.Keys.FirstOrDefault(k => !_read.Contains(k));
        if (unknown is not null)
            throw new ModelException($"unknown setting '{unknown}' for {model}; it accepts: {string.Join(", ", _read.Order())}");
    }

    /// <summary>The text given for <paramref name="key"/>, if any; the key counts as one the model reads either way.</summary>
    internal bool TryTake(string key, out string text)
    {
        _read.Add(key);
        return _values.TryGetValue(key, out text!);
    }
}
