namespace Grimoire.Text;

/// <summary>Text that cannot be used: a missing or empty file, bytes that are not UTF-8, an unknown corpus name, a
/// tokeniser or embedding file that cannot be read. The message names the file and the problem.</summary>
public sealed class TextDataException(string message) : GrimoireException(message);
