namespace Grimoire.Tests.Fuzzing;

/// <summary>Runs a number of seeded mutants of one subject: each mutant's generator is seeded from the master seed,
/// the subject and the mutant's index, so mutant i is the same whatever the count. Any exception other than a
/// <see cref="GrimoireException"/>, or a verdict with a problem, is a failure naming the mutant; a mutant that
/// makes no progress for <see cref="StallLimit"/> is reported as a hang (a limit no load comes near, so the outcome
/// does not depend on the machine's speed).</summary>
internal static class FuzzCampaign
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(2);

    public static FuzzReport Run(FuzzSubject subject, int mutants, int masterSeed, string directory)
    {
        var report = new FuzzReport(subject.Name, masterSeed);
        var path = Path.Combine(directory, "mutant");
        var progress = 0;
        string current = "";
        var worker = Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < mutants; i++)
            {
                var seed = Seed(masterSeed, subject.Name, i);
                var mutation = subject.Mutate(new Random(seed));
                Volatile.Write(ref current, $"mutant {i} (mutant seed {seed}): {mutation.Category}: {mutation.Description}");
                File.WriteAllBytes(path, mutation.Bytes);
                try
                {
                    report.Record(i, seed, mutation, subject.Load(path, mutation.Bytes));
                }
                catch (Exception e)
                {
                    report.Escaped(i, seed, mutation, e);
                }
                Interlocked.Increment(ref progress);
            }
        }, TaskCreationOptions.LongRunning);
        for (var seen = -1; !worker.Wait(StallLimit);)
        {
            var now = Volatile.Read(ref progress);
            if (now == seen) Assert.Fail($"{subject.Name}: no progress for {StallLimit.TotalMinutes} minutes (hang) at {Volatile.Read(ref current)}");
            seen = now;
        }
        return report;
    }

    /// <summary>A stable seed (string.GetHashCode differs between processes).</summary>
    private static int Seed(int masterSeed, string subject, int index)
    {
        var hash = 2166136261u;
        foreach (var c in subject) hash = (hash ^ c) * 16777619u;
        var mixed = ((ulong)(uint)masterSeed << 32 | hash) * 0x9E3779B97F4A7C15UL + (ulong)index * 0xBF58476D1CE4E5B9UL;
        return (int)(mixed >> 33);
    }
}
