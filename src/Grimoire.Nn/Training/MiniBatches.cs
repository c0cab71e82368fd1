namespace Grimoire.Nn.Training;

/// <summary>Seeded mini-batches: each epoch visits every row exactly once in a fresh random order, so
/// the gradient of a batch is an unbiased estimate of the full one and runs repeat for a seed.</summary>
public static class MiniBatches
{
    /// <summary>Row indices of one epoch's batches: a Fisher–Yates permutation of 0..rows−1 cut into runs of
    /// <paramref name="batchSize"/>; the last batch holds the remainder. Draws from <paramref name="rng"/>, so
    /// successive epochs on the same generator get different orders.</summary>
    public static IReadOnlyList<int[]> Epoch(int rows, int batchSize, Rng rng)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "mini-batches need at least one row");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be at least 1");
        var order = Enumerable.Range(0, rows).ToArray();
        rng.Shuffle<int>(order);
        return order.Chunk(batchSize).ToArray();
    }

    /// <summary>Epoch <paramref name="epoch"/>'s batches drawn from a generator of its own, seeded from
    /// <paramref name="seed"/> and the epoch, so an epoch's order depends on nothing else: a run resumed inside an epoch
    /// gets that epoch's batches again.</summary>
    public static IReadOnlyList<int[]> Epoch(int rows, int batchSize, ulong seed, int epoch) =>
        Epoch(rows, batchSize, new Rng(seed ^ unchecked((ulong)epoch * 0x9E3779B97F4A7C15UL)));

    /// <summary>The rows <paramref name="indices"/> of <paramref name="data"/> (along axis 0), gathered by the engine.</summary>
    public static Tensor Rows(Tensor data, int[] indices)
    {
        using var index = Tensor.FromArray(indices, device: data.Device);
        return data.Gather(0, index);
    }
}
