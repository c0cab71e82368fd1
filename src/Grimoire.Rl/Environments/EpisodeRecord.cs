namespace Grimoire.Rl.Environments;

/// <summary>One finished episode: its undiscounted return, its length in steps, whether it was truncated, and which copy
/// of a vectorised environment ran it.</summary>
/// <param name="Return">The sum of the episode's rewards.</param>
/// <param name="Length">Steps taken.</param>
/// <param name="Truncated">Cut off by the time limit rather than ended by the task.</param>
/// <param name="Copy">The index of the copy in a <see cref="VectorEnvironment{TAction}"/> (0 for a single environment).</param>
public readonly record struct EpisodeRecord(double Return, int Length, bool Truncated, int Copy);
