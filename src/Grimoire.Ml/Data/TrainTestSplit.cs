namespace Grimoire.Ml.Data;

/// <summary>Holds out a random fraction of the rows for testing (book §1), so a model is judged on rows it never saw.
/// Deterministic for a seed. As scikit-learn, the test set gets ⌈fraction·n⌉ rows (float noise in the product is
/// ignored, so 0.1 of 30 rows is 3, not 4). Stratified by the target, every class gets ⌊fraction·n_c⌋ or one more
/// test rows — the extra rows go to the classes with the largest remainders — so class proportions carry over to
/// both sides within one row per class.</summary>
public static class TrainTestSplit
{
    // A product like 0.1·30 = 3.0000000000000004 is 3 rows; anything this close to a whole number counts as it.
    private const double WholeWithin = 1e-9;

    /// <summary>Row indices of each side, in shuffled order.</summary>
    public sealed record Indices(int[] Train, int[] Test);

    /// <summary>Splits row indices 0..rows−1; with <paramref name="stratifyBy"/> (one label per row) class by class.</summary>
    public static Indices Split(int rows, double testFraction, int seed, double[]? stratifyBy = null)
    {
        if (!(testFraction > 0 && testFraction < 1)) throw new DataException($"test fraction must be between 0 and 1 (exclusive), got {testFraction}");
        if (stratifyBy is not null && stratifyBy.Length != rows) throw new DataException($"stratifying {rows} rows needs {rows} labels, got {stratifyBy.Length}");
        var testRows = (int)Math.Ceiling(testFraction * rows - WholeWithin);
        if (testRows < 1 || testRows >= rows)
            throw new DataException($"a test fraction of {testFraction} of {rows} rows leaves {testRows} test and {rows - testRows} training rows; each side needs at least one");
        var rng = new Random(seed);
        if (stratifyBy is null)
        {
            var order = Shuffled(Enumerable.Range(0, rows).ToArray(), rng);
            return new Indices(order[testRows..], order[..testRows]);
        }
        var classes = Enumerable.Range(0, rows).GroupBy(r => stratifyBy[r]).OrderBy(g => g.Key).Select(g => Shuffled(g.ToArray(), rng)).ToArray();
        var quotas = ClassQuotas(classes.Select(c => c.Length).ToArray(), testFraction, testRows);
        var test = classes.SelectMany((c, i) => c[..quotas[i]]).ToArray();
        var train = classes.SelectMany((c, i) => c[quotas[i]..]).ToArray();
        return new Indices(Shuffled(train, rng), Shuffled(test, rng));
    }

    /// <summary>Splits a data set's rows (engine gathers); stratified by its target when asked. The caller owns both.</summary>
    public static (Dataset Train, Dataset Test) Split(Dataset data, double testFraction, int seed, bool stratify = false)
    {
        var labels = stratify ? data.RequireTarget("a stratified split").ToDoubleArray() : null;
        var split = Split(data.Rows, testFraction, seed, labels);
        return (Rows(data, split.Train), Rows(data, split.Test));
    }

    /// <summary>Test rows per class: the floor of each share, then one more for the classes with the largest
    /// remainders until the total is <paramref name="testRows"/>. The extras never exceed one per class because
    /// the remainders, each below 1, sum to the rows still missing.</summary>
    private static int[] ClassQuotas(int[] sizes, double testFraction, int testRows)
    {
        var shares = sizes.Select(s => testFraction * s).ToArray();
        var quotas = shares.Select(s => (int)Math.Floor(s + WholeWithin)).ToArray();
        var extra = testRows - quotas.Sum();
        foreach (var i in Enumerable.Range(0, sizes.Length).OrderByDescending(i => shares[i] - quotas[i]).ThenBy(i => i).Take(extra)) quotas[i]++;
        return quotas;
    }

    private static int[] Shuffled(int[] items, Random rng)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }

    private static Dataset Rows(Dataset data, int[] rows)
    {
        using var scope = new TensorScope();
        var index = Tensor.FromArray(rows, new Shape(rows.Length));
        var x = scope.Keep(data.X.Gather(0, index));
        var y = data.Y is null ? null : scope.Keep(data.Y.Gather(0, index));
        return new Dataset(data.Source, [.. data.Features], x, data.TargetName, y);
    }
}
