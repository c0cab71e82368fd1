namespace Grimoire.Ml.Metrics;

/// <summary>Regression scores (book §1–2) with scikit-learn's definitions: SSE, the quantity least squares
/// minimises; MSE, the same per row so different-sized sets compare; R², the fraction of the target's variance the
/// predictions explain (1 is perfect, 0 is no better than predicting the mean, below 0 is worse).</summary>
public static class RegressionMetrics
{
    /// <summary>Σ(y − ŷ)².</summary>
    public static double SumSquaredErrors(double[] yTrue, double[] yPred)
    {
        MetricInputs.Check("SSE", yTrue, yPred);
        return Sse(yTrue, yPred);
    }

    /// <summary>Σ(y − ŷ)² / n.</summary>
    public static double MeanSquaredError(double[] yTrue, double[] yPred)
    {
        MetricInputs.Check("MSE", yTrue, yPred);
        return Sse(yTrue, yPred) / yTrue.Length;
    }

    /// <summary>1 − SSE / Σ(y − ȳ)². A constant target has no variance to explain: then R² is 1 for a perfect
    /// prediction and 0 otherwise (scikit-learn's force_finite), not a division by zero.</summary>
    public static double R2(double[] yTrue, double[] yPred)
    {
        MetricInputs.Check("R²", yTrue, yPred);
        var sse = Sse(yTrue, yPred);
        var mean = yTrue.Average();
        var total = yTrue.Sum(y => (y - mean) * (y - mean));
        if (total == 0) return sse == 0 ? 1 : 0;
        return 1 - sse / total;
    }

    private static double Sse(double[] yTrue, double[] yPred) => yTrue.Zip(yPred).Sum(p => (p.First - p.Second) * (p.First - p.Second));
}
