using System.Reflection;

namespace Grimoire.Ml.Data;

/// <summary>Small real data sets shipped inside the assembly (licences in Datasets/LICENSES.md), usable wherever a
/// CSV path is accepted by name: <c>--data iris</c>. The target is the last column.</summary>
public static class BuiltinDatasets
{
    /// <summary>The shipped data sets' names (read-only).</summary>
    public static IReadOnlyList<string> Names { get; } = ["iris", "wine", "breast_cancer", "diabetes", "digits"];

    /// <summary>True when <paramref name="name"/> is one of <see cref="Names"/> (case-sensitive).</summary>
    public static bool Exists(string name) => Names.Contains(name);

    /// <summary>The CSV text of the data set <paramref name="name"/>; the caller disposes the stream.</summary>
    /// <exception cref="DataException">no data set of that name.</exception>
    public static Stream Open(string name)
    {
        if (!Exists(name)) throw new DataException($"no built-in data set '{name}'; built-in: {string.Join(", ", Names)}");
        return Assembly.GetExecutingAssembly().GetManifestResourceStream($"Grimoire.Ml.Datasets.{name}.csv")
            ?? throw new DataException($"built-in data set '{name}' is missing from {Assembly.GetExecutingAssembly().GetName().Name}");
    }
}
