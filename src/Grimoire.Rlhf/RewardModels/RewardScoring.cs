namespace Grimoire.Rlhf.RewardModels;

/// <summary>Scores many (prompt, completion) id pairs with one forward per group of equal prompt and completion lengths
/// (the usual case is a single group), returning the rewards in the pairs' order.</summary>
public static class RewardScoring
{
    /// <summary>r(prompt, completion) for each row, [rows], differentiable when gradients are on.</summary>
    public static Tensor Score(ScalarHeadModel model, IReadOnlyList<(int[] Prompt, int[] Completion)> rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        return PerGroup(rows, (prompts, completions) => model.Reward(Sampling.Completions.Join(prompts, completions, completions[0].Length), completions[0].Length));
    }

    /// <summary><paramref name="score"/> applied to each group of rows of equal prompt and completion lengths (it returns
    /// one value per row of its group, [group]), the values put back in the rows' order, [rows].</summary>
    public static Tensor PerGroup(IReadOnlyList<(int[] Prompt, int[] Completion)> rows, Func<int[][], int[][], Tensor> score)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(score);
        if (rows.Count == 0) throw new ArgumentException("nothing to score", nameof(rows));
        var groups = Enumerable.Range(0, rows.Count).GroupBy(i => (rows[i].Prompt.Length, rows[i].Completion.Length)).ToList();
        var parts = new List<Tensor>(groups.Count);
        var order = new List<int>(rows.Count);
        foreach (var group in groups)
        {
            var members = group.ToArray();
            parts.Add(score([.. members.Select(m => rows[m].Prompt)], [.. members.Select(m => rows[m].Completion)]));
            order.AddRange(members);
        }
        if (parts.Count == 1) return parts[0];
        var position = new int[rows.Count];
        for (var i = 0; i < order.Count; i++) position[order[i]] = i;
        return Tensor.Concat(parts).Gather(0, Tensor.FromArray(position));
    }
}
