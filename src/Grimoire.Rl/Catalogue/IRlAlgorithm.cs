using Grimoire.Ml.Models.Settings;
using Grimoire.Rl.Agents;

namespace Grimoire.Rl.Catalogue;

/// <summary>A reinforcement-learning algorithm in the catalogue (`grimoire rl algos`): its name, book section, typed
/// settings (the `--set` keys), which environments it can act in, and how it trains and loads an agent.</summary>
public interface IRlAlgorithm
{
    /// <summary>The CLI name, e.g. "ppo".</summary>
    string Name { get; }

    /// <summary>The book section it implements.</summary>
    string BookSection { get; }

    /// <summary>One line for listings.</summary>
    string Summary { get; }

    /// <summary>The action spaces it handles, for listings: "discrete", "continuous" or "discrete, continuous".</summary>
    string ActionSpaces { get; }

    /// <summary>The settings `--set` takes, from the algorithm's typed options.</summary>
    IReadOnlyList<SettingInfo> Settings { get; }

    /// <summary>Why it cannot learn <paramref name="environment"/> (e.g. "DQN needs discrete actions"), or null when it can.</summary>
    string? CannotLearn(EnvironmentEntry environment);

    /// <summary>The environment steps a run takes when none are asked for.</summary>
    long DefaultSteps(EnvironmentEntry environment);

    /// <summary>Trains an agent; progress lines (steps/s, running mean return) go to <paramref name="progress"/>.</summary>
    /// <exception cref="Grimoire.Ml.ModelException">an unknown or out-of-range setting, or an environment it cannot learn.</exception>
    RlAgent Train(RlTrainRequest request, TextWriter? progress = null);

    /// <summary>The agent saved at <paramref name="path"/> by an agent of this algorithm, for <paramref name="environment"/>.</summary>
    /// <exception cref="Grimoire.Nn.Checkpoints.CheckpointException">the file is damaged or does not fit.</exception>
    RlAgent Load(string path, EnvironmentEntry environment);
}
