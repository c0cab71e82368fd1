using System.Text.Json;
using Grimoire.Tests.Text.Tokenizers;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Tests.Cli;

/// <summary>`grimoire tokenize`: train and save, encode with a saved or GPT-2 tokeniser, and every misuse one
/// `error: …` line with a non-zero exit.</summary>
public sealed class TokenizeCommandTests
{
    private const string Sample = "The quick brown fox's jumps over the lazy dog, twice: 12 times!\nÉtude café 日本 😀\n";
    private string _dir = "";
    private string _data = "";

    [OneTimeSetUp]
    public void WriteData()
    {
        _dir = Directory.CreateTempSubdirectory("grimoire-tokenize-").FullName;
        _data = Path.Combine(_dir, "sample.txt");
        File.WriteAllText(_data, string.Concat(Enumerable.Repeat(Sample, 20)));
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    [TestCase("bpe", 300)]
    [TestCase("wordpiece", 80)]
    public void TrainSavesATokenizerThatEncodeUses(string kind, int vocab)
    {
        var path = Path.Combine(_dir, $"{kind}.json");
        var train = CliRun.Of("tokenize", "train", kind, "--data", _data, "--vocab", vocab.ToString(), "--out", path, "--json");
        Assert.That(train.ExitCode, Is.Zero, train.Err);
        var report = JsonDocument.Parse(train.Out).RootElement;
        Assert.That(report.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "kind", "vocabulary", "seconds", "out" }));
        Assert.That((report.GetProperty("kind").GetString(), report.GetProperty("vocabulary").GetInt32()), Is.EqualTo((kind, vocab)));
        var tokenizer = TokenizerFile.Load(path);

        var encode = CliRun.Of("tokenize", "encode", "--tokenizer", path, "--data", _data, "--json");
        Assert.That(encode.ExitCode, Is.Zero, encode.Err);
        var counts = JsonDocument.Parse(encode.Out).RootElement;
        Assert.That(counts.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "bytes", "tokens", "seconds", "mb_per_s" }));
        var text = File.ReadAllText(_data);
        Assert.That(counts.GetProperty("bytes").GetInt64(), Is.EqualTo(System.Text.Encoding.UTF8.GetByteCount(text)));
        Assert.That(counts.GetProperty("tokens").GetInt32(), Is.EqualTo(tokenizer.Encode(text).Length));

        var ids = CliRun.Of("tokenize", "encode", "--tokenizer", path, "--data", _data, "--ids");
        Assert.That(ids.Out.Trim().Split(' ').Select(int.Parse), Is.EqualTo(tokenizer.Encode(text)));
        var idsJson = CliRun.Of("tokenize", "encode", "--tokenizer", path, "--data", _data, "--ids", "--json");
        Assert.That(JsonSerializer.Deserialize<int[]>(idsJson.Out), Is.EqualTo(tokenizer.Encode(text)));
        Assert.That(CliRun.Of("tokenize", "encode", "--tokenizer", path, "--data", _data).Out, Does.Contain("tokens in"));
    }

    [Test]
    public void EncodesWithGpt2sFiles()
    {
        var run = CliRun.Of("tokenize", "encode", "--tokenizer", "gpt2:" + Gpt2Reference.Folder, "--data", _data, "--ids");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var text = File.ReadAllText(_data);
        Assert.That(run.Out.Trim().Split(' ').Select(int.Parse), Is.EqualTo(Gpt2Reference.Peer.EncodeToIds(text)));
    }

    [Test]
    public void MisuseGivesOneLineErrors()
    {
        var empty = Path.Combine(_dir, "empty.txt");
        File.WriteAllText(empty, "");
        var latin1 = Path.Combine(_dir, "latin1.txt");
        File.WriteAllBytes(latin1, [0x63, 0x61, 0x66, 0xE9]);
        var corrupt = Path.Combine(_dir, "corrupt.json");
        File.WriteAllText(corrupt, "{\"kind\":\"bpe\",\"tokens\":[\"a\"");
        var output = Path.Combine(_dir, "x.json");
        AssertOneLineError(CliRun.Of("tokenize", "train", "bpe", "--data", empty, "--vocab", "300", "--out", output), "empty");
        AssertOneLineError(CliRun.Of("tokenize", "train", "bpe", "--data", latin1, "--vocab", "300", "--out", output), "not UTF-8");
        AssertOneLineError(CliRun.Of("tokenize", "train", "bpe", "--data", _data, "--vocab", "100", "--out", output), "256 byte tokens");
        AssertOneLineError(CliRun.Of("tokenize", "train", "wordpiece", "--data", _data, "--vocab", "20", "--out", output), "alphabet");
        AssertOneLineError(CliRun.Of("tokenize", "train", "unigram", "--data", _data, "--vocab", "300", "--out", output), "unknown tokeniser kind 'unigram'");
        AssertOneLineError(CliRun.Of("tokenize", "encode", "--tokenizer", corrupt, "--data", _data), "corrupt.json");
        AssertOneLineError(CliRun.Of("tokenize", "encode", "--tokenizer", "gpt2:/nonexistent/gpt2", "--data", _data), "/nonexistent/gpt2");
        AssertOneLineError(CliRun.Of("tokenize", "encode", "--tokenizer", Path.Combine(_dir, "none.json"), "--data", _data), "none.json");
        Assert.That(File.Exists(output), Is.False);
    }

    private static void AssertOneLineError(CliRun run, string expected)
    {
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.Err);
        Assert.That(run.Err, Does.StartWith("error: ").And.Contain(expected));
        Assert.That(run.Out, Is.Empty);
    }
}
