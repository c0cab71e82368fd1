using Grimoire.Rl.Spaces;

namespace Grimoire.Rl.Environments;

/// <summary>What any environment tells about itself, whatever its observation and action types.</summary>
public interface IEnvironmentInfo
{
    /// <summary>The environment's name in listings and on the command line, e.g. "cartpole".</summary>
    string Name { get; }

    /// <summary>The book section it serves.</summary>
    string BookSection { get; }

    /// <summary>What observations are.</summary>
    Space ObservationSpace { get; }

    /// <summary>What actions are.</summary>
    Space ActionSpace { get; }

    /// <summary>Steps after which an episode is truncated.</summary>
    int MaxEpisodeSteps { get; }
}
