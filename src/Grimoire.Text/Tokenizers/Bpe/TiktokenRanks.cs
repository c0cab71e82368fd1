
namespace Grimoire.Text.Tokenizers.Bpe;

/// <summary>Reads a tiktoken rank file (one base64 token per line with its rank, or in rank order without one; a
/// "Capacity: n" line, as Microsoft.ML.Tokenizers' data packages write, is skipped) as a byte-level BPE. Rank = id;
/// ranks 0-255 must be the 256 single bytes. The merges are recovered from the ranks as tiktoken's authors do: BPE
/// over a token's bytes with only lower ranks allowed ends in the two tokens it is made of. GPT-2's gpt2.tiktoken
/// with "&lt;|endoftext|&gt;" appended gives exactly GPT-2's encoder.json and vocab.bpe.</summary>
public static class TiktokenRanks
{
    /// <summary>The tokeniser in <paramref name="ranks"/>, with <paramref name="specialTokens"/> appended as the next ids.</summary>
    /// <exception cref="TextDataException">a line that is not base64, ranks that are not 0..n-1, or a token that does
    /// not split into two lower-ranked tokens.</exception>
    public static BpeTokenizer Read(TextReader ranks, params string[] specialTokens)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        var byRank = new List<string?>();
        var rankOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (ranks.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal)) continue;
            var space = line.IndexOf(' ');
            string token;
            int rank;
            try
            {
                token = ByteLevel.ToText(Convert.FromBase64String(space < 0 ? line : line[..space]));
                rank = space < 0 ? rankOf.Count : int.Parse(line.AsSpan(space + 1), provider: System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw new TextDataException($"tiktoken ranks line {lineNumber} is not 'base64 [rank]': '{line}'");
            }
            if (rank < 0 || !rankOf.TryAdd(token, rank)) throw new TextDataException($"tiktoken ranks line {lineNumber}: repeated token or bad rank {rank}");
            while (byRank.Count <= rank) byRank.Add(null);
            byRank[rank] = token;
        }
        if (byRank.Count < 256 || byRank.Any(t => t is null) || Enumerable.Range(0, 256).Any(r => byRank[r]!.Length != 1))
            throw new TextDataException("tiktoken ranks must be 0..n-1 with the 256 single bytes first");
        var merges = new List<(string, string)>(byRank.Count - 256);
        for (var rank = 256; rank < byRank.Count; rank++) merges.Add(Halves(byRank[rank]!, rank, rankOf));
        return new BpeTokenizer([.. byRank!, .. specialTokens], merges);
    }

    private static (string, string) Halves(string token, int rank, Dictionary<string, int> rankOf)
    {
        var parts = token.Select(c => c.ToString()).ToList();
        while (true)
        {
            var (best, at) = (int.MaxValue, -1);
            for (var i = 0; i + 1 < parts.Count; i++)
                if (rankOf.TryGetValue(parts[i] + parts[i + 1], out var r) && r < rank && r < best) (best, at) = (r, i);
            if (at < 0) break;
            parts[at] += parts[at + 1];
            parts.RemoveAt(at + 1);
        }
        return parts.Count == 2 ? (parts[0], parts[1])
            : throw new TextDataException($"tiktoken rank {rank} ('{token}') does not split into two lower-ranked tokens");
    }
}
