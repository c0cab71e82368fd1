using System.Text;

namespace Grimoire.Tests.Fuzzing;

/// <summary>Counts of one campaign, per outcome and per kind of mutation, and the failures (the first few in full)
/// with the mutant, seed and mutation that caused each.</summary>
internal sealed class FuzzReport(string subject, int masterSeed)
{
    private const int MaxFailuresKept = 20;
    private readonly SortedDictionary<string, Counts> _byCategory = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byError = new(StringComparer.Ordinal);
    private readonly List<string> _failures = [];

    private sealed class Counts
    {
        public int Tried, Refused, Accepted, Failed;
    }

    private readonly Counts _total = new();

    public int Tried => _total.Tried;

    public int Refused => _total.Refused;

    public int Accepted => _total.Accepted;

    public int Failed => _total.Failed;

    public IReadOnlyList<string> Failures => _failures;

    /// <summary>A mutant that loaded or was refused; its verdict's problem, if any, is a failure.</summary>
    public void Record(int index, int seed, Mutation mutation, Verdict verdict)
    {
        foreach (var counts in Counters(mutation))
        {
            counts.Tried++;
            if (verdict.Accepted) counts.Accepted++;
            else counts.Refused++;
            if (verdict.Problem is not null) counts.Failed++;
        }
        if (!verdict.Accepted) _byError[verdict.ErrorType!] = _byError.GetValueOrDefault(verdict.ErrorType!) + 1;
        if (verdict.Problem is { } problem) Keep(index, seed, mutation, problem);
    }

    /// <summary>A mutant whose load threw something other than a <see cref="GrimoireException"/>.</summary>
    public void Escaped(int index, int seed, Mutation mutation, Exception e)
    {
        foreach (var counts in Counters(mutation))
        {
            counts.Tried++;
            counts.Failed++;
        }
        Keep(index, seed, mutation, $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}");
    }

    private IEnumerable<Counts> Counters(Mutation mutation)
    {
        yield return _total;
        if (!_byCategory.TryGetValue(mutation.Category, out var counts)) _byCategory[mutation.Category] = counts = new Counts();
        yield return counts;
    }

    private void Keep(int index, int seed, Mutation mutation, string problem)
    {
        if (_failures.Count < MaxFailuresKept) _failures.Add($"{subject}, mutant {index} (master seed {masterSeed}, mutant seed {seed}), {mutation.Category}: {mutation.Description}: {problem}");
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"{subject}: {Tried} files tried, {Refused} typed errors ({string.Join(", ", _byError.Select(p => $"{p.Key} {p.Value}"))}), {Accepted} accepted and verified, {Failed} failures");
        foreach (var (category, c) in _byCategory)
            text.AppendLine($"  {category,-24} tried {c.Tried,7}   typed errors {c.Refused,7}   accepted {c.Accepted,7}   failures {c.Failed,5}");
        foreach (var failure in _failures) text.AppendLine($"  FAILED {failure}");
        return text.ToString();
    }
}
