using Grimoire.Text.Tokenizers;

namespace Grimoire.Rlhf.Sampling;

/// <summary>Prompts cut from a text (a shipped corpus): fixed-length windows that start at a
/// line's beginning, drawn at random, so each prompt opens like the corpus's own lines ("ROMEO:\nI", a name's first
/// letters).</summary>
public sealed class PromptSource
{
    private readonly ITokenizer _tokenizer;
    private readonly string _text;
    private readonly int[] _starts;

    /// <summary>Prompts of <paramref name="length"/> characters from <paramref name="text"/>, encoded by <paramref name="tokenizer"/>.</summary>
    /// <exception cref="ArgumentException">a length below 1, or a text with no line long enough.</exception>
    public PromptSource(string text, ITokenizer tokenizer, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), $"a prompt needs at least one character, got {length}");
        (_text, _tokenizer, Length) = (text, tokenizer, length);
        var starts = new List<int>();
        for (var i = 0; i + length <= text.Length; i = text.IndexOf('\n', i) is var nl and >= 0 ? nl + 1 : text.Length)
            if (text[i] != '\n') starts.Add(i);
        _starts = starts.Count > 0 ? [.. starts] : throw new ArgumentException($"the text has no line from which to cut a {length}-character prompt");
    }

    /// <summary>Characters (and, with a character tokeniser, ids) per prompt.</summary>
    public int Length { get; }

    /// <summary><paramref name="count"/> prompts drawn with <paramref name="rng"/>: their text and their ids.</summary>
    public (string[] Texts, int[][] Ids) Draw(int count, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var texts = new string[count];
        for (var i = 0; i < count; i++) texts[i] = _text.Substring(_starts[rng.NextInt(_starts.Length)], Length);
        var ids = texts.Select(t => _tokenizer.Encode(t)).ToArray();
        if (ids.Any(p => p.Length != ids[0].Length)) throw new ArgumentException("the tokenizer gives prompts of different lengths; use a character tokenizer");
        return (texts, ids);
    }
}
