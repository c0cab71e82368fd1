using System.Runtime.InteropServices;

namespace Grimoire.Text.Tokenizers.Bpe;

/// <summary>Learns a byte-level BPE (book §32.1; Sennrich et al. 2016 over bytes, as GPT-2): the text's GPT-2
/// pre-tokens are counted, each distinct one becomes a sequence of byte tokens (id = byte value), and the most
/// frequent adjacent pair, weighted by pre-token counts, is merged into a new token until the vocabulary has the
/// requested size or no pair is left (<see cref="PairMerger"/>). Pairs never cross pre-tokens; ties go to the smaller
/// left id, then the smaller right id, so one text always gives one tokeniser.</summary>
public static class BpeTrainer
{
    /// <summary>A tokeniser of at most <paramref name="vocabularySize"/> tokens learnt from <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">a size below the 256 byte tokens.</exception>
    public static BpeTokenizer Train(string text, int vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (vocabularySize < 256)
            throw new ArgumentException($"a byte-level BPE vocabulary needs at least the 256 byte tokens, got a size of {vocabularySize}");
        var words = CountPreTokens(text);
        var tokens = new List<byte[]>(vocabularySize);
        for (var b = 0; b < 256; b++) tokens.Add([(byte)b]);
        var merges = new List<(int Left, int Right)>();
        new PairMerger(words, PairScore.Count).Run(() => tokens.Count < vocabularySize, (left, right) =>
        {
            merges.Add((left, right));
            tokens.Add([.. tokens[left], .. tokens[right]]);
            return tokens.Count - 1;
        });
        return new BpeTokenizer([.. tokens.Select(t => ByteLevel.ToText(t))],
            [.. merges.Select(m => (ByteLevel.ToText(tokens[m.Left]), ByteLevel.ToText(tokens[m.Right])))]);
    }

    /// <summary>Each distinct pre-token's UTF-8 bytes (as byte token ids) with its count.</summary>
    internal static List<(int[] Symbols, long Count)> CountPreTokens(string text)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        var counts = new List<long>();
        var span = text.AsSpan();
        for (var i = 0; i < span.Length;)
        {
            var end = Gpt2PreTokenizer.End(span, i);
            var piece = span[i..end];
            if (lookup.TryGetValue(piece, out var at)) CollectionsMarshal.AsSpan(counts)[at]++;
            else { lookup[piece] = counts.Count; counts.Add(1); }
            i = end;
        }
        var words = new List<(int[], long)>(index.Count);
        foreach (var (piece, at) in index)
            words.Add(([.. System.Text.Encoding.UTF8.GetBytes(piece).Select(b => (int)b)], counts[at]));
        return words;
    }
}
