namespace Grimoire.Ml.Metrics;

/// <summary>The check every metric makes first: one prediction per true value, and at least one of each, so a
/// mismatched column or an empty split fails with a message instead of a silent NaN.</summary>
internal static class MetricInputs
{
    public static void Check(string metric, double[] yTrue, double[] yPred)
    {
        if (yTrue.Length != yPred.Length) throw new DataException($"{metric}: {yTrue.Length} true values but {yPred.Length} predictions");
        if (yTrue.Length == 0) throw new DataException($"{metric}: no values to score");
    }
}
