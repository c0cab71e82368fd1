namespace Grimoire.Rlhf.RewardModels;

/// <summary>How a reward model is fitted to preference pairs: AdamW on the Bradley–Terry loss over random mini-batches
/// of training pairs, the gradient norm clipped to 1; <see cref="HeldOut"/> of the pairs (chosen at random) are kept
/// aside for the reported accuracy.</summary>
/// <param name="Steps">Optimizer steps.</param>
/// <param name="Batch">Pairs per step.</param>
/// <param name="LearningRate">AdamW's rate (constant).</param>
/// <param name="HeldOut">Fraction of pairs held out, in (0, 1).</param>
/// <param name="Seed">Seeds the split, the batches and the head.</param>
public sealed record RewardTrainSettings(int Steps = 300, int Batch = 32, double LearningRate = 2e-3, double HeldOut = 0.2, ulong Seed = 0)
{
    /// <summary>Throws unless every value is in range.</summary>
    public RewardTrainSettings Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), $"--steps must be at least 1, got {Steps}");
        if (Batch < 1) throw new ArgumentOutOfRangeException(nameof(Batch), $"--batch must be at least 1, got {Batch}");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), $"--lr must be a positive finite number, got {LearningRate}");
        if (!(HeldOut is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(HeldOut), $"the held-out fraction must lie in (0, 1), got {HeldOut}");
        return this;
    }
}
