using System.Text.Json;

namespace Grimoire.Tests.Cli;

/// <summary>`grimoire rl train` with the policy-gradient algorithms keeps the JSON contract of issue 16, saves an agent
/// that `rl eval` runs and that a later run can resume from, and turns bad settings and mismatched checkpoints into one
/// `error:` line with a non-zero exit.</summary>
public sealed class RlPolicyGradientCommandTests
{
    private string _dir = "";

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("grimoire-rl-pg-cli").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, true);

    [TestCase("ppo", "cartpole")]
    [TestCase("npg", "pendulum")]
    [TestCase("reinforce", "cartpole")]
    public void TrainPrintsTheContractAndEvalRunsTheSavedAgent(string algo, string env)
    {
        var model = Path.Combine(_dir, "agent.ckpt");
        var train = CliRun.Of("rl", "train", algo, "--env", env, "--steps", "256", "--envs", "2", "--set", algo == "reinforce" ? "max_episodes=4" : "rollout=128",
            "--eval-episodes", "2", "--out", model, "--json");
        Assert.That(train.ExitCode, Is.Zero, train.Err);
        var json = JsonDocument.Parse(train.Out).RootElement;
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
            { "algo", "env", "steps", "episodes", "train_mean_return", "eval_mean_return", "eval_episodes", "seconds", "steps_per_second" }));
        Assert.That((json.GetProperty("algo").GetString(), json.GetProperty("env").GetString()), Is.EqualTo((algo, env)));
        var eval = CliRun.Of("rl", "eval", "--model", model, "--episodes", "2", "--json");
        Assert.That(eval.ExitCode, Is.Zero, eval.Err);
        Assert.That(JsonDocument.Parse(eval.Out).RootElement.GetProperty("env").GetString(), Is.EqualTo(env));
    }

    [Test]
    public void ARunThatFinishesNoEpisodeReportsANullTrainingReturn()
    {
        var train = CliRun.Of("rl", "train", "ppo", "--env", "pendulum", "--steps", "64", "--set", "rollout=64", "--eval-episodes", "1", "--json");
        Assert.That(train.ExitCode, Is.Zero, train.Err);
        Assert.That(JsonDocument.Parse(train.Out).RootElement.GetProperty("train_mean_return").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void BadSettingsAndMismatchedCheckpointsAreOneErrorLine()
    {
        var unknown = CliRun.Of("rl", "train", "ppo", "--env", "cartpole", "--set", "nope=1");
        Assert.That(unknown.ExitCode, Is.Not.Zero);
        Assert.That(unknown.Err.Trim(), Does.StartWith("error: unknown setting 'nope' for ppo"));
        var model = Path.Combine(_dir, "agent.ckpt");
        Assert.That(CliRun.Of("rl", "train", "ppo", "--env", "cartpole", "--steps", "128", "--set", "rollout=128", "--eval-episodes", "1", "--out", model).ExitCode, Is.Zero);
        var resume = CliRun.Of("rl", "train", "ppo", "--env", "cartpole", "--steps", "128", "--set", "rollout=128", "--seed", "4", "--resume", model);
        Assert.That(resume.ExitCode, Is.Not.Zero);
        Assert.That(resume.Err.Trim(), Does.StartWith("error:").And.Contain("run.seed"));
    }
}
