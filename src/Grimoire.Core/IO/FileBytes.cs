namespace Grimoire.IO;

/// <summary>Reads a whole input file for the engine's file readers, turning every way the read can fail (missing,
/// unreadable, too large for one array) into the reader's own typed error naming the file.</summary>
public static class FileBytes
{
    /// <param name="kind">What the file should be ("model file", "data file"), for messages.</param>
    /// <param name="error">Makes the exception the reader's callers expect from a message.</param>
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
