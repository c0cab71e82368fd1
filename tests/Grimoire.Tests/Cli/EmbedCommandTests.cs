using System.Text.Json;
using Grimoire.Tests.Text.Embeddings;

namespace Grimoire.Tests.Cli;

/// <summary>`grimoire embed`: train on a small file, query the saved model, and every misuse one `error: …` line with a
/// non-zero exit.</summary>
public sealed class EmbedCommandTests
{
    private string _dir = "";
    private string _data = "";
    private string _model = "";

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _dir = Directory.CreateTempSubdirectory("grimoire-embed-").FullName;
        (_data, _model) = (Path.Combine(_dir, "groups.txt"), Path.Combine(_dir, "e.bin"));
        File.WriteAllText(_data, new GroupedCorpus().Text);
        var run = CliRun.Of("embed", "train", "fasttext", "--data", _data, "--dim", "16", "--epochs", "3", "--set", "min_count=1", "--set", "buckets=2000", "--out", _model, "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    [TestCase("word2vec")]
    [TestCase("glove")]
    [TestCase("fasttext")]
    public void TrainPrintsTheJsonContract(string method)
    {
        var path = Path.Combine(_dir, $"{method}.bin");
        var text = Path.Combine(_dir, $"{method}.txt");
        var run = CliRun.Of("embed", "train", method, "--data", _data, "--dim", "8", "--epochs", "2", "--window", "3", "--threads", "2", "--seed", "4",
            "--set", "min_count=1", "--out", path, "--word2vec-text", text, "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var json = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "method", "vocabulary", "dim", "corpus_words", "epochs", "threads", "seconds", "words_per_second", "words_per_second_per_thread", "cpu_seconds", "words_per_cpu_second", "loss", "learning_rate", "out",
        }));
        Assert.That((json.GetProperty("vocabulary").GetInt32(), json.GetProperty("dim").GetInt32(), json.GetProperty("threads").GetInt32()), Is.EqualTo((24, 8, 2)));
        Assert.That(json.GetProperty("words_per_second_per_thread").GetDouble(), Is.EqualTo(json.GetProperty("words_per_second").GetDouble() / 2).Within(1));
        Assert.That(json.GetProperty("loss").ValueKind, Is.EqualTo(method == "glove" ? JsonValueKind.Number : JsonValueKind.Null));
        Assert.That(File.Exists(path) && File.ReadAllLines(text)[0] == "24 8");
    }

    [Test]
    public void NearestListsKNeighboursWithoutTheQuery()
    {
        var word = new GroupedCorpus().Groups[0][0];
        var run = CliRun.Of("embed", "nearest", "--model", _model, "--word", word, "--k", "3", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var json = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(json.GetProperty("word").GetString(), Is.EqualTo(word));
        var neighbours = json.GetProperty("neighbours").EnumerateArray().Select(n => n.GetProperty("word").GetString()).ToArray();
        Assert.That(neighbours, Has.Length.EqualTo(3).And.No.EqualTo(word));
        Assert.That(CliRun.Of("embed", "nearest", "--model", _model, "--word", word + "xyz").OutLines, Has.Length.EqualTo(10), "fastText answers for unseen words");
    }

    [Test]
    public void AnalogyAnswersWithoutItsInputs()
    {
        var g = new GroupedCorpus().Groups;
        var run = CliRun.Of("embed", "analogy", "--model", _model, g[0][0], g[0][1], g[1][0], "--k", "4", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var json = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(json.GetProperty("c").GetString(), Is.EqualTo(g[1][0]));
        Assert.That(json.GetProperty("neighbours").EnumerateArray().Select(n => n.GetProperty("word").GetString()), Has.Exactly(4).Items.And.None.AnyOf(g[0][0], g[0][1], g[1][0]));
    }

    [TestCase("embed|train|bert|--data|shakespeare|--out|x.bin", "unknown embedding method 'bert'")]
    [TestCase("embed|train|word2vec|--data|shakespeare|--out|x.bin|--set|negatives=3", "unknown setting 'negatives'")]
    [TestCase("embed|train|glove|--data|shakespeare|--out|x.bin|--set|negative=3", "unknown setting 'negative'")]
    [TestCase("embed|train|word2vec|--data|shakespeare|--out|x.bin|--dim|0", "'dim'")]
    [TestCase("embed|train|word2vec|--data|shakespeare|--out|x.bin|--dim|8|--set|dim=9", "given twice")]
    [TestCase("embed|train|word2vec|--data|shakespeare|--out|x.bin|--set|arch=bag", "skipgram, cbow")]
    [TestCase("embed|train|word2vec|--data|/nonexistent/t.txt|--out|x.bin", "/nonexistent/t.txt")]
    [TestCase("embed|nearest|--model|/nonexistent/e.bin|--word|king", "/nonexistent/e.bin")]
    public void MisuseGivesOneLineErrors(string args, string expected) => AssertOneLineError(CliRun.Of(args.Split('|')), expected);

    [Test]
    public void BadQueriesAndBadFilesGiveOneLineErrors()
    {
        var word2vec = Path.Combine(_dir, "w.bin");
        Assert.That(CliRun.Of("embed", "train", "word2vec", "--data", _data, "--dim", "4", "--epochs", "1", "--set", "min_count=1", "--out", word2vec).ExitCode, Is.Zero);
        AssertOneLineError(CliRun.Of("embed", "nearest", "--model", word2vec, "--word", "zzzz"), "'zzzz' is not in the vocabulary");
        AssertOneLineError(CliRun.Of("embed", "nearest", "--model", word2vec, "--word", new GroupedCorpus().Groups[0][0], "--k", "0"), "--k");
        AssertOneLineError(CliRun.Of("embed", "analogy", "--model", word2vec, "zzzz", "a", "b"), "zzzz");
        var empty = Path.Combine(_dir, "empty.txt");
        File.WriteAllText(empty, "");
        AssertOneLineError(CliRun.Of("embed", "train", "glove", "--data", empty, "--out", word2vec), "empty");
        var latin1 = Path.Combine(_dir, "latin1.txt");
        File.WriteAllBytes(latin1, [0x63, 0x61, 0x66, 0xE9, 0x20, 0x63, 0x61, 0x66, 0xE9]);
        AssertOneLineError(CliRun.Of("embed", "train", "glove", "--data", latin1, "--out", word2vec), "not UTF-8");
        var damaged = Path.Combine(_dir, "damaged.bin");
        File.WriteAllBytes(damaged, File.ReadAllBytes(word2vec)[..40]);
        AssertOneLineError(CliRun.Of("embed", "nearest", "--model", damaged, "--word", "x"), "damaged");
        var rare = Path.Combine(_dir, "rare.txt");
        File.WriteAllText(rare, "every word here is rare");
        AssertOneLineError(CliRun.Of("embed", "train", "word2vec", "--data", rare, "--out", word2vec), "at least 2");
    }

    private static void AssertOneLineError(CliRun run, string expected)
    {
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.Err);
        Assert.That(run.Err, Does.StartWith("error: ").And.Contain(expected));
        Assert.That(run.Out, Is.Empty);
    }
}
