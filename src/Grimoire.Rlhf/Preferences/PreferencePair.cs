namespace Grimoire.Rlhf.Preferences;

/// <summary>Two completions of one prompt, the one the labeller preferred first.</summary>
/// <param name="Prompt">The text both completions continue.</param>
/// <param name="Chosen">The preferred completion (without the prompt).</param>
/// <param name="Rejected">The other completion.</param>
public sealed record PreferencePair(string Prompt, string Chosen, string Rejected);
