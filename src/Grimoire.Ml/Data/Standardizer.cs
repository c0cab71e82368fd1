namespace Grimoire.Ml.Data;

/// <summary>Per-column standardisation x' = (x − mean) / std with the population std, as scikit-learn's
/// StandardScaler: gradient-based fits (logistic regression's lbfgs and gd) converge in far fewer steps when the
/// features share one scale. A constant column keeps scale 1, so it maps to zeros instead of NaN.</summary>
public sealed class Standardizer
{
    private Standardizer(double[] mean, double[] scale) => (Mean, Scale) = (mean, scale);

    public double[] Mean { get; }

    public double[] Scale { get; }

    /// <summary>Learns each column's mean and std from <paramref name="x"/> [n, d].</summary>
    public static Standardizer Fit(Tensor x)
    {
        if (x.Shape[0] == 0) throw new DataException("cannot standardize a data set with no rows");
        using var scope = new TensorScope();
        var mean = x.Mean(0, keepDims: true);
        var centred = x - mean;
        var std = (centred * centred).Mean(0).Sqrt().ToDoubleArray();
        return new Standardizer(mean.ToDoubleArray(), std.Select(s => s > 0 ? s : 1).ToArray());
    }

    /// <summary>(x − mean) / scale for rows with the fitted columns; the caller owns the result.</summary>
    public Tensor Transform(Tensor x)
    {
        if (x.Shape[1] != Mean.Length) throw new DataException($"standardizer was fitted on {Mean.Length} columns, got {x.Shape[1]}");
        using var mean = Tensor.FromArray(Mean, new Shape(1, Mean.Length));
        using var scale = Tensor.FromArray(Scale, new Shape(1, Scale.Length));
        using var centred = x - mean;
        return centred / scale;
    }
}
