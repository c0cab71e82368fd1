namespace Grimoire.Rlhf.RewardModels;

/// <summary>Scores many (prompt, completion) id pairs with one forward per group of equal prompt and completion lengths
/// (the usual case is a single group), returning the rewards in the pairs' order.</summary>
public static class RewardScoring
{
    /// <summary>r(prompt, completion) for each row, [rows], differentiable when gradients are on.</summary>
    public static Tensor Score(ScalarHeadModel model, IReadOnlyList<(int[] Prompt, int[] Completion)> rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("nothing to score", nameof(rows));
        var groups = Enumerable.Range(0, rows.Count).GroupBy(i => (rows[i].Prompt.Length, rows[i].Completion.Length)).ToList();
        var parts = new List<Tensor>(groups.Count);
        var order = new List<int>(rows.Count);
        foreach (var group in groups)
        {
            var members = group.ToArray();
            var width = group.Key.Item1 + group.Key.Item2;
            var ids = new int[members.Length * width];
            for (var r = 0; r < members.Length; r++)
            {
                rows[members[r]].Prompt.CopyTo(ids, r * width);
                rows[members[r]].Completion.CopyTo(ids, r * width + group.Key.Item1);
            }
            parts.Add(model.Reward(Tensor.FromArray(ids, new Shape(members.Length, width)), group.Key.Item2));
            order.AddRange(members);
        }
        if (parts.Count == 1) return parts[0];
        var position = new int[rows.Count];
        for (var i = 0; i < order.Count; i++) position[order[i]] = i;
        return Tensor.Concat(parts).Gather(0, Tensor.FromArray(position));
    }
}
