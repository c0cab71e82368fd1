namespace Grimoire.IO;

/// <summary>Text read from a file, made fit for an error message: a hostile file can put megabytes into one value.</summary>
public static class Excerpt
{
    /// <summary>The text in quotes, cut to its first <paramref name="maxLength"/> characters (with its length noted)
    /// when longer.</summary>
    public static string Of(string text, int maxLength = 40) =>
        text.Length <= maxLength ? $"'{text}'" : $"'{text[..maxLength]}…' ({text.Length} characters)";
}
