using System.Text.Json;

namespace Grimoire.Tests.Ml;

/// <summary>The scikit-learn reference values made by the scripts in tests/fixtures and copied beside the tests.</summary>
internal static class SklearnFixtures
{
    public static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", file))).RootElement;
}
