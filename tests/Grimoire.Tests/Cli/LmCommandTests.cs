using System.Text.Json;

namespace Grimoire.Tests.Cli;

/// <summary>`grimoire lm`: train prints the JSON contract and saves a model that `generate` continues; every misuse is one
/// `error: …` line and a non-zero exit.</summary>
public sealed class LmCommandTests
{
    private string _dir = "";
    private string _data = "";
    private string _model = "";

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _dir = Directory.CreateTempSubdirectory("grimoire-lm-cli-").FullName;
        (_data, _model) = (Path.Combine(_dir, "text.txt"), Path.Combine(_dir, "lstm.ckpt"));
        File.WriteAllText(_data, string.Concat(Enumerable.Repeat("to be or not to be\n", 60)));
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void TrainPrintsTheJsonContractAndGenerateUsesTheSavedModel()
    {
        var run = CliRun.Of("lm", "train", "lstm", "--data", _data, "--context", "8", "--layers", "1", "--dim", "16", "--steps", "5", "--batch", "4",
            "--lr", "0.01", "--seed", "2", "--threads", "1", "--out", _model, "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var json = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "model", "params", "steps", "train_loss", "val_loss", "seconds", "tokens_per_second" }));
        Assert.That(json.GetProperty("model").GetString(), Is.EqualTo("lstm"));
        Assert.That(json.GetProperty("steps").GetInt32(), Is.EqualTo(5));
        Assert.That(run.Err, Does.Contain("tokens/s"), "progress goes to standard error with --json");

        var generated = CliRun.Of("lm", "generate", "--model", _model, "--prompt", "to ", "--tokens", "20", "--top-k", "5", "--top-p", "0.9", "--temperature", "0.7", "--seed", "3");
        Assert.That(generated.ExitCode, Is.Zero, generated.Err);
        Assert.That(generated.Out, Does.StartWith("to "));
        Assert.That(CliRun.Of("lm", "generate", "--model", _model, "--prompt", "to ", "--tokens", "20", "--seed", "3").Out,
            Is.EqualTo(CliRun.Of("lm", "generate", "--model", _model, "--prompt", "to ", "--tokens", "20", "--seed", "3").Out), "seeded");
        Assert.That(CliRun.Of("lm", "models").Out, Does.Contain("§31.3"));

        var bpeModel = Path.Combine(_dir, "bpe.ckpt");
        var bpe = CliRun.Of("lm", "train", "gru", "--data", _data, "--tokenizer", "bpe:270", "--context", "4", "--layers", "1", "--dim", "8", "--steps", "2", "--batch", "2", "--out", bpeModel, "--json");
        Assert.That(bpe.ExitCode, Is.Zero, bpe.Err);
        var bpeText = CliRun.Of("lm", "generate", "--model", bpeModel, "--prompt", "to be", "--tokens", "5", "--seed", "1");
        Assert.That(bpeText.ExitCode, Is.Zero, bpeText.Err);
        Assert.That(bpeText.Out, Does.StartWith("to be"));
    }

    [TestCase("unknown language model", "lm", "train", "nope", "--data", "DATA")]
    [TestCase("256", "lm", "train", "lstm", "--data", "DATA", "--tokenizer", "bpe:100")]
    [TestCase("multiple of --heads", "lm", "train", "transformer", "--data", "DATA", "--heads", "3")]
    [TestCase("positions must be", "lm", "train", "transformer", "--data", "DATA", "--positions", "rotary")]
    [TestCase("longer than", "lm", "train", "mlp", "--data", "DATA", "--context", "5000")]
    [TestCase("empty", "lm", "train", "bigram", "--data", "EMPTY")]
    [TestCase("not UTF-8", "lm", "train", "bigram", "--data", "LATIN1")]
    [TestCase("--steps", "lm", "train", "bigram", "--data", "DATA", "--steps", "0")]
    [TestCase("CORRUPT", "lm", "generate", "--model", "CORRUPT")]
    [TestCase("--top-p", "lm", "generate", "--model", "CORRUPT", "--top-p", "0")]
    public void MisuseIsOneErrorLine(string expected, params string[] args)
    {
        var empty = Path.Combine(_dir, "empty.txt");
        File.WriteAllText(empty, "");
        var latin1 = Path.Combine(_dir, "latin1.txt");
        File.WriteAllBytes(latin1, [0x63, 0x61, 0x66, 0xE9, 0x20, 0x6E, 0x6F, 0x69, 0x72]);
        var corrupt = Path.Combine(_dir, "corrupt.ckpt");
        File.WriteAllBytes(corrupt, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var paths = new Dictionary<string, string> { ["DATA"] = _data, ["EMPTY"] = empty, ["LATIN1"] = latin1, ["CORRUPT"] = corrupt };
        var run = CliRun.Of([.. args.Select(a => paths.GetValueOrDefault(a, a))]);
        Assert.That(run.ExitCode, Is.Not.Zero);
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), run.Err);
        Assert.That(lines[0], Does.StartWith("error: ").And.Contain(expected == "CORRUPT" ? "corrupt.ckpt" : expected));
    }
}

/// <summary>`grimoire nlp`: the corpus command and the `train --json` contract; misuse is one error line.</summary>
public sealed class NlpCommandTests
{
    [Test]
    public void TrainPrintsTheJsonContract()
    {
        var run = CliRun.Of("nlp", "train", "ner", "--train", "16", "--test", "10", "--epochs", "1", "--threads", "1", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var json = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "task", "init", "metric", "value", "train_examples", "test_examples", "epochs", "seconds" }));
        Assert.That(json.GetProperty("metric").GetString(), Is.EqualTo("entity_f1"));
    }

    [Test]
    public void CorpusWritesTextAndMisuseIsOneErrorLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"grimoire-nlp-{Guid.NewGuid():N}.txt");
        try
        {
            Assert.That(CliRun.Of("nlp", "corpus", "--out", path, "--chars", "2000").ExitCode, Is.Zero);
            Assert.That(File.ReadAllText(path).Length, Is.GreaterThanOrEqualTo(2000));
        }
        finally
        {
            File.Delete(path);
        }
        foreach (var args in new[] { new[] { "nlp", "train", "parsing" }, ["nlp", "train", "qa", "--pretrained", "/nonexistent.ckpt"], ["nlp", "train", "qa", "--epochs", "0"] })
        {
            var run = CliRun.Of(args);
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1).And.All.StartWith("error: "), string.Join(' ', args));
        }
    }
}
