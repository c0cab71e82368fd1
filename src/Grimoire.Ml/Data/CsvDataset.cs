using nietras.SeparatedValues;

namespace Grimoire.Ml.Data;

/// <summary>Loads a numeric CSV (header row of column names, then one row per sample) into a <see cref="Dataset"/>.
/// Every column but the target is a feature. Parsing is Sep's; every value must be a finite number.</summary>
public static class CsvDataset
{
    /// <summary>A CSV file path, a .npy file (see <see cref="NpyDataset"/>), the name of a built-in data set (see
    /// <see cref="BuiltinDatasets"/>) or a generator spec (see <see cref="Generators"/>, whose target column is "y").</summary>
    public static Dataset Load(string pathOrName, string? target)
    {
        if (Generators.IsSpec(pathOrName)) return WithTarget(Generators.Generate(pathOrName), target);
        if (NpyDataset.IsNpy(pathOrName)) return NpyDataset.Load(pathOrName, target);
        if (BuiltinDatasets.Exists(pathOrName) && !File.Exists(pathOrName))
        {
            using var stream = BuiltinDatasets.Open(pathOrName);
            using var text = new StreamReader(stream);
            return Read(text, pathOrName, target);
        }
        if (!File.Exists(pathOrName))
            throw new DataException($"data file '{pathOrName}' not found (built-in data sets: {string.Join(", ", BuiltinDatasets.Names)})");
        using var reader = new StreamReader(pathOrName);
        return Read(reader, pathOrName, target);
    }

    /// <summary>A generated set keeps "y" as its target when asked for it, and folds it into the features otherwise.</summary>
    private static Dataset WithTarget(Dataset generated, string? target)
    {
        if (target == "y") return generated;
        using (generated)
        {
            if (target is not null) throw new DataException($"{generated.Source}: no column '{target}' (columns: {string.Join(", ", generated.Features)}, y)");
            return new Dataset(generated.Source, [.. generated.Features, "y"], Tensor.Concat([generated.X, generated.Y!.Reshape(-1, 1)], 1), null, null);
        }
    }

    /// <summary>Parses CSV <paramref name="text"/>, naming it <paramref name="source"/> in messages, with the column
    /// <paramref name="target"/> as the target (none when null).</summary>
    /// <exception cref="DataException">an empty file, no data rows, a row of the wrong length, a missing or non-finite value,
    /// an unknown target column, or no feature column besides it.</exception>
    public static Dataset Read(TextReader text, string source, string? target)
    {
        try
        {
            return Parse(text, source, target);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or FormatException)
        {
            // Sep's own complaints (a header naming a column twice, broken quoting): same exception type as ours.
            throw new DataException($"{source}: {e.Message}");
        }
    }

    private static Dataset Parse(TextReader text, string source, string? target)
    {
        using var reader = Sep.Reader(o => o with { HasHeader = true, Unescape = true, DisableColCountCheck = true }).From(text);
        var columns = reader.Header.ColNames.ToArray();
        if (columns.Length == 0 || columns.All(string.IsNullOrWhiteSpace)) throw new DataException($"{source}: empty file (expected a header row of column names)");
        var targetIndex = -1;
        if (target is not null)
        {
            targetIndex = Array.IndexOf(columns, target);
            if (targetIndex < 0) throw new DataException($"{source}: no column '{target}' (columns: {string.Join(", ", columns)})");
        }
        var values = new List<double>();
        var rows = 0;
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount != columns.Length)
                throw new DataException($"{source}: row {line} has {row.ColCount} values, the header has {columns.Length} columns");
            for (var c = 0; c < columns.Length; c++)
            {
                var cell = row[c].Span.Trim();
                if (cell.IsEmpty) throw new DataException($"{source}: row {line}, column '{columns[c]}' is missing a value");
                if (!double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new DataException($"{source}: row {line}, column '{columns[c]}': '{cell.ToString()}' is not a finite number");
                values.Add(v);
            }
            rows++;
        }
        if (rows == 0) throw new DataException($"{source}: no data rows after the header");
        return Split(source, columns, values, rows, targetIndex);
    }

    private static Dataset Split(string source, string[] columns, List<double> values, int rows, int targetIndex)
    {
        var width = columns.Length;
        var features = columns.Where((_, c) => c != targetIndex).ToArray();
        if (features.Length == 0) throw new DataException($"{source}: no feature columns besides the target '{columns[targetIndex]}'");
        var x = new double[rows * features.Length];
        var y = targetIndex < 0 ? null : new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var f = 0;
            for (var c = 0; c < width; c++)
            {
                if (c == targetIndex) y![r] = values[r * width + c];
                else x[r * features.Length + f++] = values[r * width + c];
            }
        }
        return new Dataset(source, features, Tensor.FromArray(x, new Shape(rows, features.Length)),
            targetIndex < 0 ? null : columns[targetIndex], y is null ? null : Tensor.FromArray(y, new Shape(rows)));
    }
}
