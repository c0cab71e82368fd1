namespace Grimoire.Text.Tokenizers;

/// <summary>Word-level tokenisation (book §32.1): <see cref="WordScanner"/> splits text into words, numbers and
/// punctuation, optionally lowercased; each token seen often enough in the training text has an id, and every other
/// token maps to the unknown id 0 (<c>&lt;unk&gt;</c>). Decoding joins the tokens with single spaces, so it gives back
/// the tokens, not the original spacing.</summary>
public sealed class WordTokenizer : ITokenizer
{
    /// <summary>The token id 0 stands for: any token outside the vocabulary.</summary>
    public const string UnknownToken = "<unk>";

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;

    private WordTokenizer(string[] tokens, bool lowercase)
    {
        _tokens = tokens;
        Lowercase = lowercase;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
            if (!_ids.TryAdd(tokens[i], i)) throw new TextDataException($"word tokeniser lists '{tokens[i]}' twice");
        if (_tokens.Length == 0 || _tokens[0] != UnknownToken) throw new TextDataException($"word tokeniser must start with '{UnknownToken}' as id 0");
    }

    /// <summary>A tokeniser whose vocabulary is the tokens of <paramref name="text"/> seen at least
    /// <paramref name="minCount"/> times, the <paramref name="maxSize"/> − 1 most frequent of them at most (plus
    /// <c>&lt;unk&gt;</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">minCount below 1 or maxSize below 2.</exception>
    public static WordTokenizer Train(string text, int minCount = 1, int maxSize = int.MaxValue, bool lowercase = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 2);
        var vocabulary = Vocabulary.FromWords(Tokens(text, lowercase).Where(t => t != UnknownToken), minCount, maxSize - 1);
        return new WordTokenizer([UnknownToken, .. vocabulary.Words], lowercase);
    }

    /// <summary>The pre-tokens of <paramref name="text"/> as strings, lowercased (invariant culture) if asked.</summary>
    public static IEnumerable<string> Tokens(string text, bool lowercase)
    {
        foreach (var span in WordScanner.Scan(text))
        {
            var token = text.Substring(span.Start, span.Length);
            yield return lowercase ? token.ToLowerInvariant() : token;
        }
    }

    /// <inheritdoc />
    public string Kind => "word";

    /// <inheritdoc />
    public int VocabularySize => _tokens.Length;

    /// <summary>Whether text is lowercased before lookup.</summary>
    public bool Lowercase { get; }

    /// <summary>The tokens, by id; id 0 is <c>&lt;unk&gt;</c>.</summary>
    public IReadOnlyList<string> TokensById => _tokens;

    /// <summary>The id of one token (after lowercasing if the tokeniser does), 0 when unknown.</summary>
    public int IdOf(string token) => _ids.GetValueOrDefault(Lowercase ? token.ToLowerInvariant() : token, 0);

    /// <inheritdoc />
    /// <remarks>Never throws for unknown tokens: they become id 0.</remarks>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. Tokens(text, Lowercase).Select(t => _ids.GetValueOrDefault(t, 0))];
    }

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<int> ids)
    {
        var tokens = new string[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            if ((uint)ids[i] >= (uint)_tokens.Length)
                throw new ArgumentOutOfRangeException(nameof(ids), ids[i], $"token id outside [0, {_tokens.Length})");
            tokens[i] = _tokens[ids[i]];
        }
        return string.Join(' ', tokens);
    }

    /// <summary>The tokeniser as JSON: <c>{"kind":"word","lowercase":…,"tokens":[…]}</c>, tokens in id order.</summary>
    public string ToJson() => TokenizerJson.Write(Kind, ("lowercase", Lowercase), ("tokens", TokenizerJson.Strings(_tokens)));

    /// <summary>A tokeniser from <see cref="ToJson"/>'s text.</summary>
    /// <exception cref="TextDataException">not JSON, another kind, or a missing, mistyped or repeated field.</exception>
    public static WordTokenizer FromJson(string json) =>
        TokenizerJson.Read(json, "word", f => new WordTokenizer(f.Strings("tokens"), f.Bool("lowercase")));
}
