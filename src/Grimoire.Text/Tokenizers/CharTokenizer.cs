using System.Text;

namespace Grimoire.Text.Tokenizers;

/// <summary>One id per Unicode scalar value (a surrogate pair is one character), ids in ordinal order of the
/// characters: the tokeniser of char-rnn, makemore and nanoGPT's character models.</summary>
public sealed class CharTokenizer : ITokenizer
{
    private readonly Rune[] _alphabet;
    private readonly Dictionary<Rune, int> _ids;

    /// <summary>A tokeniser over exactly the characters of <paramref name="alphabet"/> (duplicates ignored).</summary>
    /// <exception cref="TextDataException">no characters.</exception>
    public CharTokenizer(IEnumerable<Rune> alphabet)
    {
        ArgumentNullException.ThrowIfNull(alphabet);
        _alphabet = alphabet.Distinct().Order().ToArray();
        if (_alphabet.Length == 0) throw new TextDataException("a character tokeniser needs at least one character");
        _ids = new Dictionary<Rune, int>(_alphabet.Length);
        for (var i = 0; i < _alphabet.Length; i++) _ids[_alphabet[i]] = i;
    }

    /// <summary>A tokeniser over the characters that occur in <paramref name="text"/>.</summary>
    public static CharTokenizer FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seen = new HashSet<Rune>();
        foreach (var rune in text.EnumerateRunes()) seen.Add(rune);
        return new CharTokenizer(seen);
    }

    /// <inheritdoc />
    public string Kind => "char";

    /// <inheritdoc />
    public int VocabularySize => _alphabet.Length;

    /// <summary>The characters, in id order.</summary>
    public IReadOnlyList<Rune> Alphabet => _alphabet;

    /// <inheritdoc />
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!_ids.TryGetValue(rune, out var id))
                throw new TextDataException($"character U+{rune.Value:X4} '{rune}' is not in the tokeniser's alphabet of {_alphabet.Length}");
            ids.Add(id);
        }
        return [.. ids];
    }

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<int> ids)
    {
        var text = new StringBuilder(ids.Length);
        foreach (var id in ids)
        {
            if ((uint)id >= (uint)_alphabet.Length)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"token id outside [0, {_alphabet.Length})");
            text.Append(_alphabet[id].ToString());
        }
        return text.ToString();
    }

    /// <summary>The tokeniser as JSON: <c>{"kind":"char","alphabet":[…]}</c>, characters in id order.</summary>
    public string ToJson() => TokenizerJson.Write(Kind, ("alphabet", TokenizerJson.Strings(_alphabet.Select(r => r.ToString()))));

    /// <summary>A tokeniser from <see cref="ToJson"/>'s text.</summary>
    /// <exception cref="TextDataException">not JSON, another kind, or an alphabet entry that is not one character.</exception>
    public static CharTokenizer FromJson(string json) => TokenizerJson.Read(json, "char", f =>
        new CharTokenizer(f.Strings("alphabet").Select(s => Rune.DecodeFromUtf16(s, out var rune, out var used) == System.Buffers.OperationStatus.Done && used == s.Length
            ? rune : throw new TextDataException($"character tokeniser JSON's alphabet holds '{s}', which is not one character"))));
}
