using Grimoire.Ml;
using Grimoire.Ml.Metrics;

namespace Grimoire.Tests.Ml;

/// <summary>Metrics on small cases worked by hand (and agreeing with scikit-learn 1.2.1's values), plus the edge
/// cases: nothing to divide by, a constant target, mismatched or empty inputs.</summary>
public sealed class MetricsTests
{
    // tp = 4 (rows 0, 2, 5, 9); predicted 1: 6 rows; actually 1: 6 rows; correct: rows 0, 2, 4, 5, 6, 9.
    private static readonly double[] BinaryTrue = [1, 0, 1, 1, 0, 1, 0, 0, 1, 1];
    private static readonly double[] BinaryPred = [1, 1, 1, 0, 0, 1, 0, 1, 0, 1];

    // Confusion [[1,1,0],[0,2,1],[1,0,2]]: precisions 1/2, 2/3, 2/3; recalls 1/2, 2/3, 2/3.
    private static readonly double[] ThreeTrue = [0, 1, 2, 2, 1, 0, 2, 1];
    private static readonly double[] ThreePred = [0, 2, 2, 2, 1, 1, 0, 1];

    [Test]
    public void BinaryScores()
    {
        Assert.That(ClassificationMetrics.Accuracy(BinaryTrue, BinaryPred), Is.EqualTo(0.6));
        Assert.That(ClassificationMetrics.Precision(BinaryTrue, BinaryPred), Is.EqualTo(4.0 / 6));
        Assert.That(ClassificationMetrics.Recall(BinaryTrue, BinaryPred), Is.EqualTo(4.0 / 6));
        Assert.That(ClassificationMetrics.F1(BinaryTrue, BinaryPred), Is.EqualTo(4.0 / 6).Within(1e-15));
        Assert.That(ClassificationMetrics.Precision(BinaryTrue, BinaryPred, positive: 0), Is.EqualTo(0.5), "predicted 0 four times, right twice");
        Assert.That(ClassificationMetrics.Recall(BinaryTrue, BinaryPred, positive: 0), Is.EqualTo(0.5));
    }

    [Test]
    public void F1IsTheHarmonicMeanOfPrecisionAndRecall()
    {
        double[] t = [1, 1, 1, 1, 0, 0];
        double[] p = [1, 0, 0, 0, 0, 0]; // precision 1, recall 1/4 → F1 = 2·(1/4)/(5/4) = 0.4
        Assert.That(ClassificationMetrics.F1(t, p), Is.EqualTo(0.4).Within(1e-15));
    }

    [Test]
    public void ConfusionMatrixHasTrueRowsAndPredictedColumns()
    {
        var m = ConfusionMatrix.Of(ThreeTrue, ThreePred);
        Assert.That(m.Labels, Is.EqualTo(new double[] { 0, 1, 2 }));
        Assert.That(m.Counts, Is.EqualTo(new[,] { { 1, 1, 0 }, { 0, 2, 1 }, { 1, 0, 2 } }));
        Assert.That(ConfusionMatrix.Of(BinaryTrue, BinaryPred).Counts, Is.EqualTo(new[,] { { 2, 2 }, { 2, 4 } }));
    }

    [Test]
    public void LabelsOnlyPredictedStillGetARowAndColumn()
    {
        var m = ConfusionMatrix.Of([0, 0], [0, 5]);
        Assert.That(m.Labels, Is.EqualTo(new double[] { 0, 5 }));
        Assert.That(m.Counts, Is.EqualTo(new[,] { { 1, 1 }, { 0, 0 } }));
    }

    [Test]
    public void MacroScores()
    {
        Assert.That(ClassificationMetrics.Accuracy(ThreeTrue, ThreePred), Is.EqualTo(0.625));
        Assert.That(ClassificationMetrics.MacroPrecision(ThreeTrue, ThreePred), Is.EqualTo((0.5 + 2.0 / 3 + 2.0 / 3) / 3).Within(1e-15));
        Assert.That(ClassificationMetrics.MacroRecall(ThreeTrue, ThreePred), Is.EqualTo((0.5 + 2.0 / 3 + 2.0 / 3) / 3).Within(1e-15));
        Assert.That(ClassificationMetrics.MacroF1(ThreeTrue, ThreePred), Is.EqualTo((0.5 + 2.0 / 3 + 2.0 / 3) / 3).Within(1e-15));
    }

    [Test]
    public void NothingToDivideByScoresZero()
    {
        Assert.That(ClassificationMetrics.Precision([0, 0, 1], [0, 0, 0]), Is.Zero, "never predicted positive");
        Assert.That(ClassificationMetrics.Recall([0, 0, 0], [0, 1, 0]), Is.Zero, "never actually positive");
        Assert.That(ClassificationMetrics.F1([0, 0, 0], [0, 0, 0]), Is.Zero, "positive label absent");
    }

    [Test]
    public void RegressionScores()
    {
        double[] t = [3, -0.5, 2, 7];
        double[] p = [2.5, 0, 2, 8]; // errors 0.5, 0.5, 0, 1; mean 2.875, Σ(y − ȳ)² = 29.1875
        Assert.That(RegressionMetrics.SumSquaredErrors(t, p), Is.EqualTo(1.5));
        Assert.That(RegressionMetrics.MeanSquaredError(t, p), Is.EqualTo(0.375));
        Assert.That(RegressionMetrics.R2(t, p), Is.EqualTo(1 - 1.5 / 29.1875).Within(1e-15));
        Assert.That(RegressionMetrics.R2(t, [2.875, 2.875, 2.875, 2.875]), Is.EqualTo(0).Within(1e-15), "the mean explains nothing");
    }

    [Test]
    public void ConstantTargetGivesAFiniteR2()
    {
        Assert.That(RegressionMetrics.R2([4, 4, 4], [4, 4, 4]), Is.EqualTo(1));
        Assert.That(RegressionMetrics.R2([4, 4, 4], [4, 5, 4]), Is.EqualTo(0));
    }

    [Test]
    public void BadInputsAreDataErrorsNamingTheMetric()
    {
        Assert.That(() => RegressionMetrics.MeanSquaredError([1, 2], [1]), Throws.TypeOf<DataException>().With.Message.Contains("MSE: 2 true values but 1 predictions"));
        Assert.That(() => ClassificationMetrics.Accuracy([], []), Throws.TypeOf<DataException>().With.Message.Contains("accuracy: no values"));
        Assert.That(() => ClassificationMetrics.Precision(ThreeTrue, ThreePred), Throws.TypeOf<DataException>().With.Message.Contains("binary precision needs at most two labels, got 3"));
    }
}
