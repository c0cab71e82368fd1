namespace Grimoire.IO;

/// <summary>Reads a whole input file for the engine's file readers, turning every way the read can fail (missing,
/// unreadable, too large for one array) into the reader's own typed error naming the file.</summary>
public static class FileBytes
{
    /// <summary>The bytes of the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="kind">What the file should be ("model file", "data file"), for messages.</param>
    /// <param name="error">Makes the exception the reader's callers expect from a message; thrown when the file is
    /// missing, unreadable or over 2 GiB.</param>
    public static byte[] Read(string path, string kind, Func<string, Exception> error)
    {
        if (!File.Exists(path)) throw error($"{kind} '{path}' not found");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Files over 2 GiB land here too: ReadAllBytes refuses them with an IOException.
            throw error($"{path}: cannot read the {kind} ({e.Message})");
        }
    }
}
