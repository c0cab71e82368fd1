namespace Grimoire.Rlhf.RewardModels;

/// <summary>The Bradley–Terry model of pairwise preferences (book §35.2): P(chosen ≻ rejected) = σ(r_chosen − r_rejected),
/// so maximum likelihood minimises −log σ(r_c − r_r) = softplus(r_r − r_c), written so to stay finite for large margins.</summary>
public static class BradleyTerry
{
    /// <summary>The mean of −log σ(r_c − r_r) over the pairs, differentiable in both score tensors ([pairs]).</summary>
    /// <exception cref="ShapeException">score tensors of different shapes.</exception>
    public static Tensor Loss(Tensor chosen, Tensor rejected)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(rejected);
        if (chosen.Shape != rejected.Shape) throw new ShapeException($"Bradley-Terry: {chosen.Shape} chosen scores but {rejected.Shape} rejected");
        return (rejected - chosen).Softplus().Mean();
    }

    /// <summary>The fraction of pairs whose chosen score is the higher one.</summary>
    public static double Accuracy(ReadOnlySpan<float> chosen, ReadOnlySpan<float> rejected)
    {
        if (chosen.Length != rejected.Length || chosen.IsEmpty) throw new ArgumentException($"{chosen.Length} chosen and {rejected.Length} rejected scores");
        var right = 0;
        for (var i = 0; i < chosen.Length; i++)
            if (chosen[i] > rejected[i]) right++;
        return (double)right / chosen.Length;
    }
}
