using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ml.Metrics;
using Grimoire.Tests.Laws;

namespace Grimoire.Tests.Ml;

/// <summary>Laws of the metrics on random labels and values: perfect predictions score 1 (R² too) and have no error;
/// the confusion matrix sums to n with the correct rows on its diagonal; every score lies in [0, 1]; F1 lies between
/// precision and recall; SSE = n·MSE.</summary>
public sealed class MetricsProperties
{
    /// <summary>n labels from up to k classes, true and predicted.</summary>
    private static Gen<(double[] True, double[] Pred)> Labels =>
        from n in Gen.Choose(1, 80)
        from k in Gen.Choose(2, 5)
        from t in Gen.ArrayOf(Gen.Choose(0, k - 1).Select(v => (double)v), n)
        from p in Gen.ArrayOf(Gen.Choose(0, k - 1).Select(v => (double)v), n)
        select (t, p);

    private static Gen<(double[] True, double[] Pred)> Values =>
        from n in Gen.Choose(2, 60)
        from t in Gen.ArrayOf(Gen.Choose(-1000, 1000).Select(v => v / 10.0), n)
        from p in Gen.ArrayOf(Gen.Choose(-1000, 1000).Select(v => v / 10.0), n)
        select (t, p);

    [Test]
    public void ConfusionMatrixSumsToNWithCorrectRowsOnTheDiagonal() => PropertyCheck.ForAll(Labels, c =>
    {
        var m = ConfusionMatrix.Of(c.True, c.Pred);
        var k = m.Labels.Length;
        Assert.That(m.Counts.Cast<int>().Sum(), Is.EqualTo(c.True.Length));
        Assert.That(Enumerable.Range(0, k).Sum(i => m.Counts[i, i]), Is.EqualTo(c.True.Zip(c.Pred).Count(p => p.First == p.Second)));
        Assert.That(ClassificationMetrics.Accuracy(c.True, c.Pred), Is.EqualTo(Enumerable.Range(0, k).Sum(i => m.Counts[i, i]) / (double)c.True.Length));
    });

    [Test]
    public void PerfectPredictionsScoreOne() => PropertyCheck.ForAll(Labels, c =>
    {
        Assert.That(ClassificationMetrics.Accuracy(c.True, c.True), Is.EqualTo(1));
        Assert.That(ClassificationMetrics.MacroPrecision(c.True, c.True), Is.EqualTo(1));
        Assert.That(ClassificationMetrics.MacroRecall(c.True, c.True), Is.EqualTo(1));
        Assert.That(ClassificationMetrics.MacroF1(c.True, c.True), Is.EqualTo(1));
    });

    [Test]
    public void ScoresLieInTheUnitIntervalAndF1BetweenPrecisionAndRecall() => PropertyCheck.ForAll(Labels, c =>
    {
        var (t, p) = (c.True.Select(v => v % 2).ToArray(), c.Pred.Select(v => v % 2).ToArray());
        var (precision, recall, f1) = (ClassificationMetrics.Precision(t, p), ClassificationMetrics.Recall(t, p), ClassificationMetrics.F1(t, p));
        foreach (var s in new[] { precision, recall, f1, ClassificationMetrics.MacroF1(c.True, c.Pred), ClassificationMetrics.Accuracy(c.True, c.Pred) })
            Assert.That(s, Is.InRange(0.0, 1.0));
        Assert.That(f1, Is.InRange(Math.Min(precision, recall) - 1e-15, Math.Max(precision, recall) + 1e-15));
    });

    [Test]
    public void RegressionLaws() => PropertyCheck.ForAll(Values, c =>
    {
        Assert.That(RegressionMetrics.SumSquaredErrors(c.True, c.True), Is.Zero);
        Assert.That(RegressionMetrics.R2(c.True, c.True), Is.EqualTo(1));
        var sse = RegressionMetrics.SumSquaredErrors(c.True, c.Pred);
        Assert.That(sse, Is.EqualTo(c.True.Length * RegressionMetrics.MeanSquaredError(c.True, c.Pred)).Within(1e-9 * (1 + sse)));
        Assert.That(RegressionMetrics.R2(c.True, c.Pred), Is.LessThanOrEqualTo(1));
        var mean = c.True.Average();
        if (c.True.Any(v => v != c.True[0])) // a constant target is perfectly predicted by its mean
            Assert.That(RegressionMetrics.R2(c.True, c.True.Select(_ => mean).ToArray()), Is.EqualTo(0).Within(1e-9), "predicting the mean explains nothing");
    });
}
