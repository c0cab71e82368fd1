using System.Text.Json.Nodes;
using Grimoire.Ml.Models;

namespace Grimoire.Cli;

/// <summary>A fitted model's report fields as a JSON object, for printing single figures from them.</summary>
internal static class FitFields
{
    public static JsonObject Of(IFittedModel fitted) => JsonNode.Parse(JsonText.Object(fitted.WriteFitFields))!.AsObject();
}
