using System.Text.Json;
using Grimoire.Text;

namespace Grimoire.Rlhf.Preferences;

/// <summary>Preference pairs as JSON lines, one object per line: {"prompt": …, "chosen": …, "rejected": …}.</summary>
public static class PreferenceFile
{
    /// <summary>Writes <paramref name="pairs"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<PreferencePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        File.WriteAllLines(path, pairs.Select(p => JsonSerializer.Serialize(new Dictionary<string, string> { ["prompt"] = p.Prompt, ["chosen"] = p.Chosen, ["rejected"] = p.Rejected })));
    }

    /// <summary>The pairs in <paramref name="path"/>; blank lines are skipped.</summary>
    /// <exception cref="TextDataException">a missing file, a line that is not such an object, or no pairs.</exception>
    public static IReadOnlyList<PreferencePair> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new TextDataException($"{path}: no such preference file");
        var pairs = new List<PreferencePair>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                string Field(string name) => doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                    ? v.GetString()! : throw new TextDataException($"{path}:{number}: needs a string field \"{name}\"");
                var pair = new PreferencePair(Field("prompt"), Field("chosen"), Field("rejected"));
                if (pair.Prompt.Length == 0 || pair.Chosen.Length == 0 || pair.Rejected.Length == 0)
                    throw new TextDataException($"{path}:{number}: prompt, chosen and rejected must not be empty");
                pairs.Add(pair);
            }
            catch (JsonException e) { throw new TextDataException($"{path}:{number}: not a JSON object ({e.Message})"); }
        }
        return pairs.Count > 0 ? pairs : throw new TextDataException($"{path}: no preference pairs");
    }
}
