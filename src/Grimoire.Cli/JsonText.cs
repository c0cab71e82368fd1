using System.Text.Json;

namespace Grimoire.Cli;

/// <summary>One JSON object written field by field (so field order is the documented contract) and returned as text.</summary>
internal static class JsonText
{
    public static string Object(Action<Utf8JsonWriter> fields, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
