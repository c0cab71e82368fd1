namespace Grimoire.Tests.Fuzzing;

/// <summary>A valid file of one kind, how to mutate it, and how the engine loads it. Exceptions other than
/// <see cref="GrimoireException"/> escape <see cref="Load"/>, for the campaign to report.</summary>
internal abstract class FuzzSubject : IDisposable
{
    public abstract string Name { get; }

    /// <summary>The valid file's bytes.</summary>
    public abstract byte[] File { get; }

    /// <summary>Where the valid file's header ends and its data starts.</summary>
    protected abstract int DataStart { get; }

    /// <summary>A mutant: byte-level damage anywhere (half of them) or an edit of the format's header.</summary>
    public Mutation Mutate(Random rng) => rng.Next(20) switch
    {
        < 3 => ByteMutations.Truncate(File, DataStart, rng),
        < 7 => ByteMutations.FlipBits(File, DataStart, rng),
        < 8 => ByteMutations.Append(File, rng),
        < 10 => ByteMutations.PoisonElement(File, DataStart, rng),
        _ => EditHeader(rng),
    };

    protected abstract Mutation EditHeader(Random rng);

    /// <summary>Loads the file at <paramref name="path"/> (holding <paramref name="bytes"/>) as the engine's users do
    /// and checks the outcome.</summary>
    public abstract Verdict Load(string path, byte[] bytes);

    public virtual void Dispose()
    {
    }

    /// <summary>The bytes <paramref name="write"/> puts in a temporary file (deleted afterwards): how a subject gets its
    /// valid file from the engine's own writer.</summary>
    protected static byte[] Written(string extension, Action<string> write)
    {
        var path = Path.Combine(Path.GetTempPath(), $"grimoire-fuzz-{Guid.NewGuid():N}{extension}");
        try
        {
            write(path);
            return System.IO.File.ReadAllBytes(path);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    public override string ToString() => Name;
}
