namespace Grimoire.Text.Tokenizers;

/// <summary>Turns text into token ids in [0, <see cref="VocabularySize"/>) and back (book §32.1). Every tokeniser of
/// the library implements it, so language models take any of them.</summary>
public interface ITokenizer
{
    /// <summary>A short name of the scheme: <c>char</c>, <c>word</c>, <c>bpe</c>, <c>wordpiece</c>.</summary>
    string Kind { get; }

    /// <summary>The number of distinct ids.</summary>
    int VocabularySize { get; }

    /// <summary>The ids of <paramref name="text"/>.</summary>
    /// <exception cref="TextDataException">the text holds something the vocabulary cannot represent.</exception>
    int[] Encode(string text);

    /// <summary>The text of <paramref name="ids"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">an id outside [0, <see cref="VocabularySize"/>).</exception>
    string Decode(ReadOnlySpan<int> ids);
}
