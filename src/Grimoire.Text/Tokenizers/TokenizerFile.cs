using System.Text;
using Grimoire.IO;
using Grimoire.Text.Corpora;
using Grimoire.Text.Tokenizers.Bpe;
using Grimoire.Text.Tokenizers.WordPiece;

namespace Grimoire.Text.Tokenizers;

/// <summary>Saves and loads any of the library's tokenisers as one JSON file whose "kind" (char, word, bpe,
/// wordpiece) says which; each kind's fields are its class's ToJson.</summary>
public static class TokenizerFile
{
    /// <summary>The kinds a file can hold.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["char", "word", "bpe", "wordpiece"];

    /// <summary><paramref name="tokenizer"/> as JSON.</summary>
    /// <exception cref="ArgumentException">a tokeniser of another library.</exception>
    public static string ToJson(ITokenizer tokenizer) => tokenizer switch
    {
        CharTokenizer c => c.ToJson(),
        WordTokenizer w => w.ToJson(),
        BpeTokenizer b => b.ToJson(),
        WordPieceTokenizer p => p.ToJson(),
        null => throw new ArgumentNullException(nameof(tokenizer)),
        _ => throw new ArgumentException($"cannot save a tokeniser of type {tokenizer.GetType().Name}"),
    };

    /// <summary>The tokeniser <paramref name="json"/> describes.</summary>
    /// <exception cref="TextDataException">malformed JSON, an unknown kind, or a damaged tokeniser.</exception>
    public static ITokenizer FromJson(string json) => TokenizerJson.KindOf(json) switch
    {
        "char" => CharTokenizer.FromJson(json),
        "word" => WordTokenizer.FromJson(json),
        "bpe" => BpeTokenizer.FromJson(json),
        "wordpiece" => WordPieceTokenizer.FromJson(json),
        var kind => throw new TextDataException($"unknown tokeniser kind '{kind}' (expected {string.Join(", ", Kinds)})"),
    };

    /// <summary>Writes <paramref name="tokenizer"/> to <paramref name="path"/> (UTF-8 JSON), replacing it whole or not at all.</summary>
    /// <exception cref="IOException">the file cannot be written; the message names it.</exception>
    public static void Save(ITokenizer tokenizer, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var json = Encoding.UTF8.GetBytes(ToJson(tokenizer));
        AtomicFile.Write(path, file => file.Write(json));
    }

    /// <summary>The tokeniser saved at <paramref name="path"/>.</summary>
    /// <exception cref="TextDataException">the file is missing, empty, not UTF-8 or not a tokeniser; the message names
    /// the file and the problem.</exception>
    public static ITokenizer Load(string path)
    {
        var json = TextCorpus.LoadFile(path);
        try
        {
            return FromJson(json);
        }
        catch (TextDataException e)
        {
            throw new TextDataException($"tokeniser file '{path}': {e.Message}");
        }
    }
}
