using System.Globalization;
using Grimoire.Text;
using Grimoire.Text.Corpora;
using Grimoire.Text.Tokenizers;
using Grimoire.Text.Tokenizers.Bpe;

namespace Grimoire.Language.Training;

/// <summary>A text as token ids for language modelling: its tokeniser, the training ids (the first 90 %) and the held-out
/// validation ids (the last 10 % of the text, char-rnn's and nanoGPT's split).</summary>
/// <param name="Tokenizer">Turns the text into the ids and back.</param>
/// <param name="Train">Ids of the training head.</param>
/// <param name="Validation">Ids of the held-out tail.</param>
public sealed record LanguageCorpus(ITokenizer Tokenizer, int[] Train, int[] Validation)
{
    /// <summary>The tokenisers <see cref="Prepare"/> accepts, for messages.</summary>
    public const string TokenizerChoices = "char (one id per character) or bpe:N (byte-level BPE with N ids)";

    /// <summary>The shipped corpus or UTF-8 file <paramref name="data"/> (<see cref="TextCorpus.Load"/>) split and encoded
    /// with the tokeniser <paramref name="tokenizer"/> names: "char" (the characters of the whole text, as nanoGPT does) or
    /// "bpe:N" (byte-level BPE of N ids learnt from the training head only; bytes cover any held-out text).</summary>
    /// <exception cref="TextDataException">a missing, empty or non-UTF-8 file, or text too short to split.</exception>
    /// <exception cref="ArgumentException">a tokeniser this build does not have.</exception>
    public static LanguageCorpus Prepare(string data, string tokenizer = "char") => FromText(TextCorpus.Load(data), tokenizer);

    /// <summary>As <see cref="Prepare"/>, for text in memory.</summary>
    public static LanguageCorpus FromText(string text, string tokenizer = "char")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var (train, validation) = TextCorpus.SplitTail(text);
        ITokenizer built = tokenizer switch
        {
            "char" => CharTokenizer.FromText(text),
            _ when tokenizer.StartsWith("bpe:", StringComparison.Ordinal) => int.TryParse(tokenizer[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                ? BpeTrainer.Train(train, size)
                : throw new ArgumentException($"--tokenizer bpe:N needs a vocabulary size N, got '{tokenizer}'"),
            _ => throw new ArgumentException($"unknown tokenizer '{tokenizer}'; use {TokenizerChoices}"),
        };
        return new LanguageCorpus(built, built.Encode(train), built.Encode(validation));
    }
}
