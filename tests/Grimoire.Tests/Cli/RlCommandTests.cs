using System.Text.Json;
using Grimoire.Rl.Catalogue;

namespace Grimoire.Tests.Cli;

/// <summary>`grimoire rl`: the listings name every environment and algorithm, and misuse gives one line `error: …`
/// naming the problem and a non-zero exit, before anything is trained.</summary>
public sealed class RlCommandTests
{
    [Test]
    public void EnvsListsEveryEnvironmentWithItsSpaces()
    {
        var run = CliRun.Of("rl", "envs", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var envs = JsonDocument.Parse(run.Out).RootElement.GetProperty("envs").EnumerateArray().ToList();
        Assert.That(envs.Select(e => e.GetProperty("env").GetString()), Is.EqualTo(RlCatalogue.Environments.Select(e => e.Name)));
        var cartpole = envs.Single(e => e.GetProperty("env").GetString() == "cartpole");
        Assert.That(cartpole.GetProperty("actions").GetString(), Is.EqualTo("Discrete(2)"));
        Assert.That(cartpole.GetProperty("max_episode_steps").GetInt32(), Is.EqualTo(500));
        Assert.That(CliRun.Of("rl", "envs").OutLines, Has.Some.StartWith("pendulum "));
    }

    [Test]
    public void AlgosListsEveryAlgorithmWithItsSettingsSchema()
    {
        var run = CliRun.Of("rl", "algos", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Err);
        var algos = JsonDocument.Parse(run.Out).RootElement.GetProperty("algos").EnumerateArray().ToList();
        Assert.That(algos.Select(a => a.GetProperty("algo").GetString()), Is.EqualTo(RlCatalogue.Algorithms.Select(a => a.Name)));
        Assert.That(algos.Select(a => a.GetProperty("settings").GetProperty("type").GetString()), Is.All.EqualTo("object"));
    }

    [TestCase("rl|train|no-such-algo|--env|cartpole", "unknown RL algorithm 'no-such-algo'")]
    [TestCase("rl|eval|--model|/nonexistent/agent.ckpt", "/nonexistent/agent.ckpt")]
    [TestCase("rl|eval|--model|x.ckpt|--episodes|0", "--episodes")]
    public void MisuseGivesOneLineErrors(string args, string expected)
    {
        var run = CliRun.Of(args.Split('|'));
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.Err);
        Assert.That(run.Err, Does.StartWith("error: ").And.Contain(expected));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void ARequestIsCheckedBeforeTraining()
    {
        var env = RlCatalogue.Environment("cartpole");
        Assert.That(() => new RlTrainRequest(env, 0, 1, 0, Grimoire.Ml.Models.ModelSettings.Empty).Validate(), Throws.ArgumentException.With.Message.Contain("--steps"));
        Assert.That(() => new RlTrainRequest(env, 10, 0, 0, Grimoire.Ml.Models.ModelSettings.Empty).Validate(), Throws.ArgumentException.With.Message.Contain("--envs"));
        Assert.That(() => RlCatalogue.Environment("mountaincar"), Throws.TypeOf<Grimoire.Ml.ModelException>().With.Message.Contain("cartpole"));
    }

    [Test]
    public void ADamagedAgentFileIsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"grimoire-{Guid.NewGuid():N}.ckpt");
        try
        {
            File.WriteAllBytes(path, [1, 2, 3]);
            var run = CliRun.Of("rl", "eval", "--model", path);
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Err, Does.StartWith("error: ").And.Contain(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
