namespace Grimoire.Ml.Data;

/// <summary>Scales each feature to mean 0 and standard deviation 1 (book §1), as scikit-learn's StandardScaler:
/// population standard deviation, and a constant feature keeps scale 1 so it maps to 0 instead of dividing by zero.
/// Fit it on the training rows only and transform both splits with those statistics, so nothing about the test rows
/// leaks into the model. Penalised models (ridge, lasso, elastic net) need it: their penalty treats every
/// coefficient alike, which is only fair when the features share a scale.</summary>
public sealed class Standardizer
{
    // scikit-learn's threshold for "constant": a standard deviation this small is rounding noise, not spread.
    private const double ConstantBelow = 10 * 2.220446049250313e-16;

    private Standardizer(double[] mean, double[] scale)
    {
        Mean = mean;
        Scale = scale;
    }

    /// <summary>The mean of each feature over the rows it was fitted on.</summary>
    public double[] Mean { get; }

    /// <summary>The standard deviation of each feature, or 1 for a constant feature.</summary>
    public double[] Scale { get; }

    /// <summary>Learns the per-column mean and standard deviation of <paramref name="x"/> [n, d].</summary>
    public static Standardizer Fit(Tensor x)
    {
        if (x.Shape.Rank != 2 || x.Shape[0] == 0) throw new DataException($"standardising needs a non-empty [rows, features] table, got shape {x.Shape}");
        using var scope = new TensorScope();
        var mean = x.Mean(0, keepDims: true);
        var centred = x - mean;
        var std = (centred * centred).Mean(0).Sqrt().ToDoubleArray();
        return new Standardizer(mean.ToDoubleArray(), std.Select(s => s < ConstantBelow ? 1.0 : s).ToArray());
    }

    /// <summary>(x − mean) / scale per column; the caller owns the result.</summary>
    public Tensor Transform(Tensor x)
    {
        if (x.Shape.Rank != 2 || x.Shape[1] != Mean.Length)
            throw new DataException($"standardiser was fitted on {Mean.Length} features, got a table of shape {x.Shape}");
        using var scope = new TensorScope();
        var result = (x - Tensor.FromArray(Mean, new Shape(1, Mean.Length))) / Tensor.FromArray(Scale, new Shape(1, Scale.Length));
        return scope.Keep(result);
    }

    /// <summary>A new data set with standardised features and a copy of the target; the caller owns it.</summary>
    public Dataset Transform(Dataset data)
    {
        using var scope = new TensorScope();
        var y = data.Y is null ? null : scope.Keep(data.Y.Contiguous(copy: true));
        return new Dataset(data.Source, [.. data.Features], scope.Keep(Transform(data.X)), data.TargetName, y);
    }
}
