using System.Text.Json.Nodes;

namespace Grimoire.Ml.Models.Settings;

/// <summary>A JSON Schema (draft 2020-12) of a model's settings as `--set` takes them: one property per setting
/// with its type, default, range or choices and description; no other keys allowed. Made from
/// <see cref="SettingInfo"/>, so it cannot drift from the parser.</summary>
public static class SettingsSchema
{
    /// <summary>The schema of <paramref name="settings"/>, titled "<paramref name="model"/> settings"; a new object each call.</summary>
    public static JsonObject Of(string model, IReadOnlyList<SettingInfo> settings)
    {
        var properties = new JsonObject();
        foreach (var s in settings) properties[s.Name] = Property(s);
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = $"{model} settings",
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject Property(SettingInfo s)
    {
        var value = new JsonObject { ["type"] = s.Kind switch
        {
            SettingKind.Number => "number",
            SettingKind.Integer => "integer",
            SettingKind.Boolean => "boolean",
            _ => "string",
        } };
        if (s.Kind == SettingKind.Choice) value["enum"] = new JsonArray([.. s.Choices.Select(c => (JsonNode)c)]);
        if (s.Kind == SettingKind.Integer)
        {
            if (s.IntegerMinimum != int.MinValue) value["minimum"] = s.IntegerMinimum;
            if (s.IntegerMaximum != int.MaxValue) value["maximum"] = s.IntegerMaximum;
        }
        if (s.Kind == SettingKind.Number)
        {
            if (!double.IsNegativeInfinity(s.Minimum)) value[s.ExclusiveMinimum ? "exclusiveMinimum" : "minimum"] = s.Minimum;
            if (!double.IsPositiveInfinity(s.Maximum)) value["maximum"] = s.Maximum;
        }
        var description = s.Doc + (s.OnlyWith is { } condition ? $" (only with {condition})" : "");
        var schema = s.Optional ? new JsonObject { ["anyOf"] = new JsonArray(value, new JsonObject { ["const"] = "auto" }) } : value;
        schema["default"] = s.Default switch
        {
            null => "auto",
            double d => d,
            int i => i,
            bool b => b,
            _ => s.Format(s.Default),
        };
        schema["description"] = description;
        return schema;
    }
}
