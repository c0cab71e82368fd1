namespace Grimoire.Tests.BadInput;

/// <summary>One misuse of an op: what is done, the exception it must raise and the words its message
/// must contain (the offending shapes, dtypes, axes or values).</summary>
public sealed record BadInputCase(string Op, string Description, Action Act, Type Exception, params string[] MessageMentions)
{
    public override string ToString() => $"{Op}: {Description}";
}
