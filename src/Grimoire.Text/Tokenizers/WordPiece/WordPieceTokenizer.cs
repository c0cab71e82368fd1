using System.Text;

namespace Grimoire.Text.Tokenizers.WordPiece;

/// <summary>WordPiece (book §32.1; BERT's tokeniser): <see cref="BertPreTokenizer"/> splits the text into words,
/// and each word is cut greedily into the longest vocabulary token from its start, then the longest "##"
/// continuation token, and so on; a word that cannot be cut this way, or is longer than
/// <see cref="MaxInputCharsPerWord"/> characters, is the unknown token. Decoding joins tokens with spaces and glues
/// "##" continuations to the token before, so it gives back the basic tokens' text, not the original spacing.</summary>
public sealed class WordPieceTokenizer : ITokenizer
{
    /// <summary>The mark of a token that continues a word.</summary>
    public const string ContinuationPrefix = "##";

    /// <summary>BERT's special tokens, the first ids of a trained vocabulary.</summary>
    public static readonly IReadOnlyList<string> SpecialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _starts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _continuations = new(StringComparer.Ordinal);

    /// <summary>A tokeniser over <paramref name="tokens"/> (by id; continuation tokens start with "##").</summary>
    /// <exception cref="TextDataException">a token repeats or is empty, or the unknown token is not in the vocabulary.</exception>
    public WordPieceTokenizer(IReadOnlyList<string> tokens, bool lowercase, string unknownToken = "[UNK]", int maxInputCharsPerWord = 100)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInputCharsPerWord, 1);
        _tokens = [.. tokens];
        for (var id = 0; id < _tokens.Length; id++)
        {
            var token = _tokens[id];
            if (string.IsNullOrEmpty(token)) throw new TextDataException($"WordPiece token {id} is empty");
            var continues = token.StartsWith(ContinuationPrefix, StringComparison.Ordinal) && token.Length > ContinuationPrefix.Length;
            if (!(continues ? _continuations : _starts).TryAdd(continues ? token[ContinuationPrefix.Length..] : token, id))
                throw new TextDataException($"WordPiece vocabulary lists '{token}' twice");
        }
        UnknownToken = unknownToken;
        UnknownId = _starts.TryGetValue(unknownToken, out var unknown) ? unknown
            : throw new TextDataException($"WordPiece vocabulary lacks its unknown token '{unknownToken}'");
        Lowercase = lowercase;
        MaxInputCharsPerWord = maxInputCharsPerWord;
    }

    /// <summary>A BERT vocab.txt: one token per line, the id its line number from 0.</summary>
    /// <exception cref="TextDataException">the file is missing, not UTF-8, or not a valid vocabulary.</exception>
    public static WordPieceTokenizer LoadVocabTxt(string path, bool lowercase)
    {
        var lines = Corpora.TextCorpus.LoadFile(path).Split('\n');
        var tokens = lines.Select(l => l.TrimEnd('\r')).ToList();
        if (tokens[^1].Length == 0) tokens.RemoveAt(tokens.Count - 1);
        return new WordPieceTokenizer(tokens, lowercase);
    }

    /// <inheritdoc />
    public string Kind => "wordpiece";

    /// <inheritdoc />
    public int VocabularySize => _tokens.Length;

    /// <summary>The tokens by id.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Whether text is lowercased and stripped of accents first (BERT's uncased models).</summary>
    public bool Lowercase { get; }

    /// <summary>The token a word that cannot be cut becomes.</summary>
    public string UnknownToken { get; }

    /// <summary>The id of <see cref="UnknownToken"/>.</summary>
    public int UnknownId { get; }

    /// <summary>Words longer than this many characters become the unknown token (BERT: 100).</summary>
    public int MaxInputCharsPerWord { get; }

    /// <inheritdoc />
    /// <remarks>Never throws for unknown words: they become <see cref="UnknownId"/>.</remarks>
    public int[] Encode(string text)
    {
        var ids = new List<int>();
        foreach (var word in BertPreTokenizer.Split(text, Lowercase)) EncodeWord(word, ids);
        return [.. ids];
    }

    private void EncodeWord(string word, List<int> ids)
    {
        var first = ids.Count;
        if (word.EnumerateRunes().Count() > MaxInputCharsPerWord) { ids.Add(UnknownId); return; }
        var starts = _starts.GetAlternateLookup<ReadOnlySpan<char>>();
        var continuations = _continuations.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var start = 0; start < word.Length;)
        {
            var lookup = start == 0 ? starts : continuations;
            var end = word.Length;
            var id = -1;
            for (; end > start; end -= char.IsLowSurrogate(word[end - 1]) && end - 1 > start ? 2 : 1)
                if (lookup.TryGetValue(word.AsSpan(start, end - start), out id)) break;
            if (end == start)
            {
                ids.RemoveRange(first, ids.Count - first);
                ids.Add(UnknownId);
                return;
            }
            ids.Add(id);
            start = end;
        }
    }

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<int> ids)
    {
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            if ((uint)id >= (uint)_tokens.Length)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"token id outside [0, {_tokens.Length})");
            var token = _tokens[id];
            if (token.StartsWith(ContinuationPrefix, StringComparison.Ordinal) && token.Length > ContinuationPrefix.Length)
                text.Append(token, ContinuationPrefix.Length, token.Length - ContinuationPrefix.Length);
            else
            {
                if (text.Length > 0) text.Append(' ');
                text.Append(token);
            }
        }
        return text.ToString();
    }

    /// <summary>The tokeniser as JSON: <c>{"kind":"wordpiece","lowercase":…,"unknown":…,"max_input_chars_per_word":…,
    /// "tokens":[…]}</c>, tokens in id order.</summary>
    public string ToJson() => TokenizerJson.Write(Kind, ("lowercase", Lowercase), ("unknown", UnknownToken),
        ("max_input_chars_per_word", MaxInputCharsPerWord), ("tokens", TokenizerJson.Strings(_tokens)));

    /// <summary>A tokeniser from <see cref="ToJson"/>'s text.</summary>
    /// <exception cref="TextDataException">not JSON, another kind, a missing or mistyped field, or a vocabulary the
    /// constructor refuses.</exception>
    public static WordPieceTokenizer FromJson(string json) => TokenizerJson.Read(json, "wordpiece", f =>
    {
        var limit = f.Int("max_input_chars_per_word");
        if (limit < 1) throw new TextDataException($"wordpiece tokeniser JSON's max_input_chars_per_word is {limit}, below 1");
        return new WordPieceTokenizer(f.Strings("tokens"), f.Bool("lowercase"), f.String("unknown"), limit);
    });
}
