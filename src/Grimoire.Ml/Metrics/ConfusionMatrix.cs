namespace Grimoire.Ml.Metrics;

/// <summary>Counts of (true class, predicted class) pairs (book §1), as scikit-learn's confusion_matrix: row i is the
/// true class Labels[i], column j the predicted class Labels[j]; the labels are every value in either array, sorted.
/// Precision, recall and F1 are all read off it.</summary>
public sealed class ConfusionMatrix
{
    private ConfusionMatrix(double[] labels, int[,] counts)
    {
        Labels = labels;
        Counts = counts;
    }

    /// <summary>Every value in either array, ascending: the class of each row and column.</summary>
    public double[] Labels { get; }

    /// <summary>[true, predicted] → number of rows.</summary>
    public int[,] Counts { get; }

    /// <summary>The matrix of <paramref name="yTrue"/> against <paramref name="yPred"/>.</summary>
    /// <exception cref="DataException">arrays of different lengths, or empty ones.</exception>
    public static ConfusionMatrix Of(double[] yTrue, double[] yPred)
    {
        MetricInputs.Check("confusion matrix", yTrue, yPred);
        var labels = yTrue.Concat(yPred).Distinct().Order().ToArray();
        var counts = new int[labels.Length, labels.Length];
        for (var i = 0; i < yTrue.Length; i++) counts[Array.BinarySearch(labels, yTrue[i]), Array.BinarySearch(labels, yPred[i])]++;
        return new ConfusionMatrix(labels, counts);
    }

    /// <summary>Rows correctly predicted as class <paramref name="k"/>.</summary>
    public int TruePositives(int k) => Counts[k, k];

    /// <summary>Rows predicted as class <paramref name="k"/> (column sum).</summary>
    public int Predicted(int k) => Enumerable.Range(0, Labels.Length).Sum(i => Counts[i, k]);

    /// <summary>Rows whose true class is <paramref name="k"/> (row sum).</summary>
    public int Actual(int k) => Enumerable.Range(0, Labels.Length).Sum(j => Counts[k, j]);
}
