using Grimoire.Ml.Models.Settings;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>REINFORCE's settings (`--set` keys).</summary>
public sealed class ReinforceSettings : PolicyGradientSettings
{
    /// <summary>REINFORCE's defaults: learning rate 5e-3.</summary>
    public ReinforceSettings() => LearningRate = 5e-3;

    /// <summary>Whole episodes per update.</summary>
    [Setting("episodes", Doc = "whole episodes per update", Minimum = 1, Maximum = 1 << 20)]
    public int EpisodesPerUpdate { get; set; } = 4;

    /// <summary>Episodes in all; the run also ends when --steps is reached.</summary>
    [Setting("max_episodes", Doc = "episodes in all (the run also ends at --steps)", Minimum = 1, Maximum = 1 << 24)]
    public int MaxEpisodes { get; set; } = 500;

    /// <summary>Subtract a learned value V(s) from the return-to-go (§26.2).</summary>
    [Setting("baseline", Doc = "subtract a learned value baseline V(s) from the return-to-go")]
    public bool Baseline { get; set; } = true;

    /// <summary>Standardise the weights of the log-probabilities (G − b) over each batch.</summary>
    [Setting("normalize", Doc = "standardise the returns (minus the baseline) over each batch")]
    public bool Normalize { get; set; } = true;
}
