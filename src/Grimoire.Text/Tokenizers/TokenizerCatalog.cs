using System.Diagnostics;
using System.Text;
using Grimoire.Text.Tokenizers.Bpe;
using Grimoire.Text.Tokenizers.WordPiece;

namespace Grimoire.Text.Tokenizers;

/// <summary>How long encoding a text took: what `grimoire tokenize encode` reports.</summary>
/// <param name="Bytes">The text's UTF-8 length.</param>
/// <param name="Ids">The token ids.</param>
/// <param name="Seconds">Wall time of the encoding alone.</param>
public sealed record EncodeReport(long Bytes, int[] Ids, double Seconds)
{
    /// <summary>Millions of UTF-8 bytes encoded per second.</summary>
    public double MegabytesPerSecond => Bytes / 1e6 / Seconds;
}

/// <summary>The trainable tokenisers by name and the places a tokeniser can be loaded from, for tools that take them
/// as text (the command line).</summary>
public static class TokenizerCatalog
{
    /// <summary>The prefix of a GPT-2 tokeniser folder (encoder.json + vocab.bpe): <c>gpt2:&lt;dir&gt;</c>.</summary>
    public const string Gpt2Prefix = "gpt2:";

    /// <summary>The kinds <see cref="Train"/> knows.</summary>
    public static IReadOnlyList<string> Trainable { get; } = ["bpe", "wordpiece"];

    /// <summary>A <paramref name="kind"/> tokeniser of at most <paramref name="vocabularySize"/> tokens learnt from
    /// <paramref name="text"/> (WordPiece lowercased, as BERT's uncased models).</summary>
    /// <exception cref="ArgumentException">an unknown kind, or a size below the byte tokens or the text's alphabet.</exception>
    public static ITokenizer Train(string kind, string text, int vocabularySize) => kind switch
    {
        "bpe" => BpeTrainer.Train(text, vocabularySize),
        "wordpiece" => WordPieceTrainer.Train(text, vocabularySize),
        _ => throw new ArgumentException($"unknown tokeniser kind '{kind}' (expected {string.Join(" or ", Trainable)})"),
    };

    /// <summary>The tokeniser at <paramref name="source"/>: a file saved by <see cref="TokenizerFile"/>, or
    /// <c>gpt2:&lt;dir&gt;</c> for GPT-2's encoder.json and vocab.bpe.</summary>
    /// <exception cref="TextDataException">a missing, damaged or unknown tokeniser.</exception>
    public static ITokenizer Load(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.StartsWith(Gpt2Prefix, StringComparison.Ordinal) ? Gpt2Files.Load(source[Gpt2Prefix.Length..]) : TokenizerFile.Load(source);
    }

    /// <summary>Encodes <paramref name="text"/> once, timing it.</summary>
    public static EncodeReport Encode(ITokenizer tokenizer, string text)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var clock = Stopwatch.StartNew();
        var ids = tokenizer.Encode(text);
        return new EncodeReport(Encoding.UTF8.GetByteCount(text), ids, clock.Elapsed.TotalSeconds);
    }
}
