using System.Text.Json;
using System.Text.Json.Nodes;

namespace Grimoire.Text.Tokenizers;

/// <summary>The JSON form every tokeniser shares: an object whose "kind" names the scheme, read with errors that
/// name the kind and the field at fault.</summary>
internal static class TokenizerJson
{
    /// <summary>An object with "kind": <paramref name="kind"/> and the given fields, as compact JSON.</summary>
    public static string Write(string kind, params (string Name, JsonNode? Value)[] fields)
    {
        var root = new JsonObject { ["kind"] = kind };
        foreach (var (name, value) in fields) root[name] = value;
        return root.ToJsonString();
    }

    /// <summary>An array of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    /// <summary>The "kind" of a tokeniser's JSON.</summary>
    /// <exception cref="TextDataException">not JSON, not an object, or no "kind" string.</exception>
    public static string KindOf(string json) => Guard("tokeniser JSON", () =>
        Root(json, "tokeniser JSON")["kind"]?.GetValue<string>() ?? throw new TextDataException("tokeniser JSON has no 'kind'"));

    /// <summary>Builds a tokeniser from JSON of <paramref name="kind"/>; a wrong kind, a missing or mistyped field, or
    /// malformed JSON is a <see cref="TextDataException"/>.</summary>
    public static T Read<T>(string json, string kind, Func<Fields, T> build)
    {
        ArgumentNullException.ThrowIfNull(json);
        var subject = $"{kind} tokeniser JSON";
        return Guard(subject, () =>
        {
            var root = Root(json, subject);
            var actual = root["kind"]?.GetValue<string>();
            if (actual != kind) throw new TextDataException($"tokeniser JSON has kind '{actual}', expected '{kind}'");
            return build(new Fields(root, kind));
        });
    }

    private static JsonObject Root(string json, string subject) =>
        JsonNode.Parse(json) as JsonObject ?? throw new TextDataException($"{subject} is not an object");

    private static T Guard<T>(string subject, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new TextDataException($"{subject} is malformed: {e.Message}");
        }
    }

    /// <summary>Required fields of one tokeniser's object.</summary>
    public sealed class Fields(JsonObject root, string kind)
    {
        /// <summary>A required field.</summary>
        public JsonNode Node(string name) => root[name] ?? throw new TextDataException($"{kind} tokeniser JSON lacks '{name}'");

        /// <summary>A required true/false field.</summary>
        public bool Bool(string name) => Node(name).GetValue<bool>();

        /// <summary>A required whole-number field.</summary>
        public int Int(string name) => Node(name).GetValue<int>();

        /// <summary>A required string field.</summary>
        public string String(string name) => Node(name).GetValue<string>();

        /// <summary>A required array of strings.</summary>
        public string[] Strings(string name) => Node(name) is JsonArray array
            ? [.. array.Select(t => t?.GetValue<string>() ?? throw new TextDataException($"{kind} tokeniser JSON has a null in '{name}'"))]
            : throw new TextDataException($"{kind} tokeniser JSON's '{name}' is not an array");
    }
}
