namespace Grimoire.IO;

/// <summary>Writes a whole output file so that readers only ever see the old file or the complete new one: the bytes
/// go to a temporary file beside it, which is renamed over the target once written. A failed write leaves the old file
/// as it was and no temporary file behind.</summary>
public static class AtomicFile
{
    /// <summary>Creates or replaces <paramref name="path"/> with what <paramref name="write"/> puts in the stream.</summary>
    /// <exception cref="IOException">the file cannot be written (a missing folder, no permission, a full disk); the
    /// message names <paramref name="path"/>.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder)) throw new IOException($"cannot write '{path}': folder '{folder}' does not exist");
        // Unique per process, so two writers of the same target never share a temporary file.
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            using (var file = File.Create(temporary)) write(file);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new IOException($"cannot write '{path}': {e.Message}", e);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
