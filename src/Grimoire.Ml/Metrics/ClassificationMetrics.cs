namespace Grimoire.Ml.Metrics;

/// <summary>Classification scores (book §1) with scikit-learn's definitions. Binary scores are about one positive
/// label; macro scores average the per-class score over every label in either array, so each class counts the same
/// however rare it is. A ratio with nothing to divide by (no predicted positives, no actual positives) is 0, as
/// scikit-learn's default zero_division.</summary>
public static class ClassificationMetrics
{
    /// <summary>Fraction of rows predicted exactly.</summary>
    public static double Accuracy(double[] yTrue, double[] yPred)
    {
        MetricInputs.Check("accuracy", yTrue, yPred);
        return yTrue.Zip(yPred).Count(p => p.First == p.Second) / (double)yTrue.Length;
    }

    /// <summary>Of the rows predicted <paramref name="positive"/>, the fraction that are.</summary>
    public static double Precision(double[] yTrue, double[] yPred, double positive = 1) => Binary("precision", yTrue, yPred, positive, Precision);

    /// <summary>Of the rows that are <paramref name="positive"/>, the fraction predicted so.</summary>
    public static double Recall(double[] yTrue, double[] yPred, double positive = 1) => Binary("recall", yTrue, yPred, positive, Recall);

    /// <summary>The harmonic mean of precision and recall for <paramref name="positive"/>.</summary>
    public static double F1(double[] yTrue, double[] yPred, double positive = 1) => Binary("F1", yTrue, yPred, positive, F1);

    /// <summary>Precision of each label in turn as the positive one, averaged over the labels.</summary>
    /// <exception cref="DataException">arrays of different lengths, or empty ones.</exception>
    public static double MacroPrecision(double[] yTrue, double[] yPred) => Macro("macro precision", yTrue, yPred, Precision);

    /// <summary>Recall of each label in turn as the positive one, averaged over the labels.</summary>
    /// <exception cref="DataException">arrays of different lengths, or empty ones.</exception>
    public static double MacroRecall(double[] yTrue, double[] yPred) => Macro("macro recall", yTrue, yPred, Recall);

    /// <summary>F1 of each label in turn as the positive one, averaged over the labels.</summary>
    /// <exception cref="DataException">arrays of different lengths, or empty ones.</exception>
    public static double MacroF1(double[] yTrue, double[] yPred) => Macro("macro F1", yTrue, yPred, F1);

    private static double Binary(string metric, double[] yTrue, double[] yPred, double positive, Func<ConfusionMatrix, int, double> score)
    {
        MetricInputs.Check(metric, yTrue, yPred);
        var matrix = ConfusionMatrix.Of(yTrue, yPred);
        if (matrix.Labels.Length > 2)
            throw new DataException($"binary {metric} needs at most two labels, got {matrix.Labels.Length}; use the macro average for more classes");
        var k = Array.IndexOf(matrix.Labels, positive);
        return k < 0 ? 0 : score(matrix, k);
    }

    private static double Macro(string metric, double[] yTrue, double[] yPred, Func<ConfusionMatrix, int, double> score)
    {
        MetricInputs.Check(metric, yTrue, yPred);
        var matrix = ConfusionMatrix.Of(yTrue, yPred);
        return Enumerable.Range(0, matrix.Labels.Length).Average(k => score(matrix, k));
    }

    private static double Precision(ConfusionMatrix m, int k) => Ratio(m.TruePositives(k), m.Predicted(k));

    private static double Recall(ConfusionMatrix m, int k) => Ratio(m.TruePositives(k), m.Actual(k));

    /// <summary>2·tp / (predicted + actual): the harmonic mean of precision and recall without dividing twice.</summary>
    private static double F1(ConfusionMatrix m, int k) => Ratio(2 * m.TruePositives(k), m.Predicted(k) + m.Actual(k));

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : numerator / (double)denominator;
}
