namespace Grimoire.Tests.Fuzzing;

/// <summary>What loading one mutant came to: accepted (with <see cref="Problem"/> set when what was loaded differs
/// from what the file holds), or refused with a typed error (with <see cref="Problem"/> set when the refusal broke a
/// rule, such as not naming the file or changing state).</summary>
internal sealed record Verdict(bool Accepted, string? ErrorType, string? Problem)
{
    public static Verdict Accept(string? problem) => new(true, null, problem);

    public static Verdict Refuse(GrimoireException e, string path, string? problem = null) =>
        new(false, e.GetType().Name, problem ?? (e.Message.Contains(path, StringComparison.Ordinal) ? null : $"the {e.GetType().Name} does not name the file: {e.Message}"));
}
