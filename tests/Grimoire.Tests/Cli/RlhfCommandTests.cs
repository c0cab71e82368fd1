using System.Text.Json;
using Grimoire.Rlhf.Preferences;

namespace Grimoire.Tests.Cli;

/// <summary>`grimoire rlhf`: reward and ppo print their JSON contracts on a tiny model and text, and bad input is one
/// `error: …` line with a non-zero exit.</summary>
public sealed class RlhfCommandTests
{
    private string _dir = "";
    private string _text = "";
    private string _policy = "";

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _dir = Directory.CreateTempSubdirectory("grimoire-rlhf-cli-").FullName;
        (_text, _policy) = (Path.Combine(_dir, "text.txt"), Path.Combine(_dir, "lm.ckpt"));
        File.WriteAllText(_text, string.Concat(Enumerable.Repeat("to be or not to be, that is the question\n", 40)));
        var run = CliRun.Of("lm", "train", "lstm", "--data", _text, "--context", "8", "--layers", "1", "--dim", "8", "--steps", "3", "--batch", "4", "--out", _policy, "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void RewardThenPpoPrintTheirJsonContracts()
    {
        var (pairs, reward, tuned) = (Path.Combine(_dir, "pairs.jsonl"), Path.Combine(_dir, "rm.ckpt"), Path.Combine(_dir, "tuned.ckpt"));
        PreferenceFile.Write(pairs, Enumerable.Range(0, 6).Select(i => new PreferencePair("to be ", "or not" + new string('o', i), "that i" + new string('t', i % 3))));
        var run = CliRun.Of("rlhf", "reward", "--data", pairs, "--policy", _policy, "--steps", "3", "--seed", "1", "--out", reward, "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var json = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "pairs", "accuracy", "seconds" }));
        Assert.That(json.GetProperty("pairs").GetInt32(), Is.EqualTo(6));

        run = CliRun.Of("rlhf", "ppo", "--policy", _policy, "--reward", reward, "--corpus", _text, "--iterations", "1", "--seed", "2", "--out", tuned, "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        json = JsonDocument.Parse(run.Out).RootElement;
        Assert.That(json.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "iterations", "reward_before", "reward_after", "kl", "oracle_before", "oracle_after", "seconds" }));
        Assert.That(json.GetProperty("iterations").GetInt32(), Is.EqualTo(1));
        Assert.That(File.Exists(tuned), "the fine-tuned policy is saved as a language model");
        Assert.That(CliRun.Of("lm", "generate", "--model", tuned, "--prompt", "to ", "--tokens", "5").ExitCode, Is.Zero);

        run = CliRun.Of("rlhf", "dpo", "--data", pairs, "--policy", _policy, "--reward", reward, "--corpus", _text, "--steps", "2", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        Assert.That(JsonDocument.Parse(run.Out).RootElement.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "steps", "reward_before", "reward_after", "kl", "oracle_before", "oracle_after", "seconds" }));
    }

    [TestCase("reward", "--data", "missing.jsonl", "--out", "x.ckpt")]
    [TestCase("reward", "--data", "generated", "--noise", "0.9", "--out", "x.ckpt")]
    [TestCase("ppo", "--reward", "missing.ckpt")]
    [TestCase("ppo", "--reward", "POLICY")]
    [TestCase("ppo", "--reward", "missing.ckpt", "--kl-target", "0")]
    [TestCase("dpo", "--data", "missing.jsonl", "--reward", "POLICY")]
    public void BadInputIsOneErrorLine(params string[] args)
    {
        var run = CliRun.Of(["rlhf", .. args.Select(a => a == "POLICY" ? _policy : a == "x.ckpt" ? Path.Combine(_dir, a) : a), "--policy", _policy]);
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Err.Trim(), Does.StartWith("error: "));
        Assert.That(run.Err.Trim().Split('\n'), Has.Length.EqualTo(1), run.Err);
    }
}
