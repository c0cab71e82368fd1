namespace Grimoire.IO;

/// <summary>Creates the folder a long run will write into, so a path that cannot be a folder fails before the run, not
/// after minutes of work.</summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="path"/> and any missing parents; nothing happens when it exists.</summary>
    /// <exception cref="IOException">the path names a file, lies under one, or cannot be created; the message names it.</exception>
    public static void Ensure(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot create the output folder '{path}': {e.Message}", e);
        }
    }
}
