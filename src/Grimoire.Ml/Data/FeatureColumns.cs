namespace Grimoire.Ml.Data;

/// <summary>The columns a fitted model expects, taken by name (in the model's order) from a data set that may
/// hold more (the target, say).</summary>
public static class FeatureColumns
{
    /// <summary>A new float64 [rows, features.Count] tensor (the caller owns it) of <paramref name="data"/>'s columns named by
    /// <paramref name="features"/>, in that order.</summary>
    /// <exception cref="DataException">a name that is not a column of the data set.</exception>
    public static Tensor Select(Dataset data, IReadOnlyList<string> features)
    {
        var indices = features.Select(f =>
        {
            var i = data.Features.ToList().IndexOf(f);
            return i >= 0 ? i : throw new DataException($"{data.Source}: no column '{f}', which the model was fitted on (model features: {string.Join(", ", features)})");
        }).ToArray();
        var all = data.X.ToDoubleArray();
        var width = data.Features.Count;
        var x = new double[data.Rows * indices.Length];
        for (var r = 0; r < data.Rows; r++)
            for (var c = 0; c < indices.Length; c++) x[r * indices.Length + c] = all[r * width + indices[c]];
        return Tensor.FromArray(x, new Shape(data.Rows, indices.Length));
    }
}
