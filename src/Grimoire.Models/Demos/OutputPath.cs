namespace Grimoire.Models.Demos;

/// <summary>Checks a demo's --out file before any work, so a typo in the folder fails at once instead of after
/// training; errors that only writing can reveal still come from <see cref="Imaging.PngWriter"/>.</summary>
public static class OutputPath
{
    /// <summary>Refuses an empty <paramref name="path"/> or one whose folder does not exist with an
    /// <see cref="ArgumentException"/> naming --out; does not create or touch the file.</summary>
    public static void Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("--out needs a file name");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder)) throw new ArgumentException($"--out: folder '{folder}' does not exist");
    }
}
