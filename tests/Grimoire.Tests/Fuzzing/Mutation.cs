namespace Grimoire.Tests.Fuzzing;

/// <summary>One mutated file: its bytes, the kind of mutation (for the counts) and what exactly was done (for a
/// failure report).</summary>
internal sealed record Mutation(string Category, string Description, byte[] Bytes);
