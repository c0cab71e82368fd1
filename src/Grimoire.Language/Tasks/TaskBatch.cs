namespace Grimoire.Language.Tasks;

/// <summary>Texts of different lengths as one id matrix [batch, T], padded on the right with id 0. The encoder reads
/// left to right, so padding after a text changes nothing before it; losses skip padded positions.</summary>
internal sealed record TaskBatch(Tensor Ids, int[] Lengths, int Steps)
{
    public static TaskBatch Of(IReadOnlyList<int[]> texts)
    {
        var steps = texts.Max(t => t.Length);
        var ids = new int[texts.Count * steps];
        for (var b = 0; b < texts.Count; b++) texts[b].CopyTo(ids, b * steps);
        return new TaskBatch(Tensor.FromArray(ids, new Shape(texts.Count, steps)), [.. texts.Select(t => t.Length)], steps);
    }

    /// <summary>Time-major labels [T, batch] from per-text labels, <paramref name="ignore"/> where padded.</summary>
    public Tensor Labels(IReadOnlyList<int[]> perText, int ignore)
    {
        var labels = new int[Steps * perText.Count];
        Array.Fill(labels, ignore);
        for (var b = 0; b < perText.Count; b++)
            for (var t = 0; t < perText[b].Length; t++) labels[t * perText.Count + b] = perText[b][t];
        return Tensor.FromArray(labels, new Shape(Steps, perText.Count));
    }
}
