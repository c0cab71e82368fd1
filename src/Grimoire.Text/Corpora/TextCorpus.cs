using System.Reflection;
using System.Text;

namespace Grimoire.Text.Corpora;

/// <summary>The corpora shipped inside the assembly (licences in Corpora/Data/LICENSES.md) and the user's own UTF-8
/// files, read strictly: a byte sequence that is not UTF-8 is an error, never a replacement character.</summary>
public static class TextCorpus
{
    /// <summary>The shipped corpora: <c>shakespeare</c> (tiny-shakespeare, 1.1 MB) and <c>names</c> (32k names, one per
    /// line).</summary>
    public static IReadOnlyList<string> Names { get; } = ["shakespeare", "names"];

    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True when <paramref name="name"/> names a shipped corpus.</summary>
    public static bool Exists(string name) => Names.Contains(name);

    /// <summary>The text of a shipped corpus by name, or else of the UTF-8 file at that path (a leading byte-order mark
    /// is dropped).</summary>
    /// <exception cref="TextDataException">the file is missing, empty or not UTF-8.</exception>
    public static string Load(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        return Exists(nameOrPath) ? LoadShipped(nameOrPath) : LoadFile(nameOrPath);
    }

    /// <summary>The text of the UTF-8 file at <paramref name="path"/>.</summary>
    /// <exception cref="TextDataException">the file is missing, empty or not UTF-8.</exception>
    public static string LoadFile(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TextDataException($"cannot read text file '{path}': {e.Message}");
        }
        return Decode(bytes, $"'{path}'");
    }

    /// <summary>Decodes UTF-8 bytes strictly; <paramref name="source"/> names them in errors.</summary>
    /// <exception cref="TextDataException">no text, or bytes that are not UTF-8 (the message gives the offset).</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[Encoding.UTF8.Preamble.Length..];
        if (bytes.IsEmpty) throw new TextDataException($"text {source} is empty");
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException e)
        {
            throw new TextDataException($"text {source} is not UTF-8: invalid byte sequence near byte offset {e.Index}");
        }
    }

    /// <summary>Splits text into a training head and a held-out tail of <paramref name="validationFraction"/> of its
    /// characters (the convention of char-rnn and nanoGPT: the last 10 % is the validation set).</summary>
    /// <exception cref="ArgumentOutOfRangeException">the fraction is outside (0, 1).</exception>
    /// <exception cref="TextDataException">either part would be empty.</exception>
    public static (string Train, string Validation) SplitTail(string text, double validationFraction = 0.1)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must lie in (0, 1)");
        var cut = (int)Math.Round(text.Length * (1 - validationFraction));
        if (char.IsLowSurrogate(text, Math.Clamp(cut, 0, text.Length - 1)) && cut > 0) cut--;
        if (cut <= 0 || cut >= text.Length)
            throw new TextDataException($"text of {text.Length} characters is too short to hold out {validationFraction:P0} of it");
        return (text[..cut], text[cut..]);
    }

    static string LoadShipped(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        using var stream = assembly.GetManifestResourceStream($"Grimoire.Text.Corpora.{name}.txt")
            ?? throw new TextDataException($"shipped corpus '{name}' is missing from {assembly.GetName().Name}");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Decode(memory.GetBuffer().AsSpan(0, (int)memory.Length), $"corpus '{name}'");
    }
}
