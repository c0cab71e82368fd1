using System.Text;

namespace Grimoire.Text.Tokenizers.WordPiece;

/// <summary>Learns a WordPiece vocabulary (Schuster and Nakajima 2012; BERT) by likelihood-scored merges: the
/// vocabulary starts as BERT's special tokens and every character of the text's basic-tokenised words (a character
/// inside a word as a "##" continuation), and repeatedly the adjacent pair with the highest
/// count(ab) / (count(a)·count(b)) over the word counts becomes a new token (a + b without b's "##"), until the
/// vocabulary has the requested size or no pair is left (<see cref="PairMerger"/>). This is the method Google's
/// paper describes and HuggingFace's course teaches; HuggingFace's own WordPieceTrainer runs BPE's count-scored
/// merges instead. Words longer than the tokeniser's limit are left out (they encode as unknown).</summary>
public static class WordPieceTrainer
{
    /// <summary>A tokeniser of at most <paramref name="vocabularySize"/> tokens learnt from <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">a size below the special tokens plus the text's alphabet.</exception>
    public static WordPieceTokenizer Train(string text, int vocabularySize, bool lowercase = true, int maxInputCharsPerWord = 100)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var word in BertPreTokenizer.Split(text, lowercase))
            if (word.EnumerateRunes().Count() <= maxInputCharsPerWord) counts[word] = counts.GetValueOrDefault(word) + 1;
        var pieces = counts.Keys.Select(Characters).ToList();
        var alphabet = pieces.SelectMany(p => p).Distinct().Order(StringComparer.Ordinal).ToList();
        var tokens = new List<string>([.. WordPieceTokenizer.SpecialTokens, .. alphabet]);
        if (vocabularySize < tokens.Count)
            throw new ArgumentException($"a WordPiece vocabulary of {vocabularySize} is smaller than its {WordPieceTokenizer.SpecialTokens.Count} special tokens and the text's alphabet of {alphabet.Count} characters");
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var id = 0; id < tokens.Count; id++) ids[tokens[id]] = id;
        var words = counts.Values.Zip(pieces, (count, p) => (p.Select(s => ids[s]).ToArray(), count)).ToList();
        new PairMerger(words, PairScore.Likelihood).Run(() => tokens.Count < vocabularySize, (left, right) =>
        {
            var merged = tokens[left] + tokens[right][WordPieceTokenizer.ContinuationPrefix.Length..];
            if (ids.TryGetValue(merged, out var existing)) return existing;
            ids[merged] = tokens.Count;
            tokens.Add(merged);
            return tokens.Count - 1;
        });
        return new WordPieceTokenizer(tokens, lowercase, maxInputCharsPerWord: maxInputCharsPerWord);
    }

    // "word" → "w", "##o", "##r", "##d" (characters are code points).
    private static List<string> Characters(string word)
    {
        var parts = new List<string>();
        foreach (var rune in word.EnumerateRunes())
            parts.Add(parts.Count == 0 ? rune.ToString() : WordPieceTokenizer.ContinuationPrefix + rune);
        return parts;
    }
}
