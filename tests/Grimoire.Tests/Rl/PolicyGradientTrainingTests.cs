using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Nn.Checkpoints;
using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.PolicyGradient;

namespace Grimoire.Tests.Rl;

/// <summary>The three policy-gradient methods as catalogue algorithms, on runs of a few hundred steps: the same seed
/// gives the same weights bit for bit, a run resumed from a checkpoint ends exactly where the uninterrupted run ends,
/// saved agents load and act the same, and bad settings or checkpoints are refused with a message naming them.</summary>
public sealed class PolicyGradientTrainingTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("grimoire-rl-pg-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static readonly object[] Runs =
    [
        new object[] { new Ppo(), "cartpole", 6 * 64L, 2, new[] { "rollout=64", "batch=32", "epochs=2", "checkpoint_every=4" } },
        new object[] { new Ppo(), "pendulum", 6 * 64L, 2, new[] { "rollout=64", "batch=32", "epochs=2", "checkpoint_every=4", "target_kl=0.001" } },
        new object[] { new NaturalPolicyGradient(), "cartpole", 5 * 64L, 2, new[] { "rollout=64", "batch=32", "value_epochs=2", "checkpoint_every=3" } },
        new object[] { new Reinforce(), "cartpole", 100_000L, 3, new[] { "episodes=3", "max_episodes=15", "checkpoint_every=3" } },
    ];

    [TestCaseSource(nameof(Runs))]
    public void ResumedRunEndsWithTheWeightsOfTheUninterruptedOne(IRlAlgorithm algorithm, string env, long steps, int copies, string[] settings)
    {
        var path = Path.Combine(_directory, "run.ckpt");
        var request = Request(env, steps, copies, settings) with { CheckpointPath = path };
        using var straight = (PolicyAgent)algorithm.Train(request);
        Assert.That(File.Exists(path), "a checkpoint was written during the run");
        using var resumed = (PolicyAgent)algorithm.Train(Request(env, steps, copies, settings) with { ResumePath = path });
        Assert.That(Weights(resumed), Is.EqualTo(Weights(straight)), "weights bit for bit");
        Assert.That(resumed.Training with { Seconds = 0 }, Is.EqualTo(straight.Training with { Seconds = 0 }), "steps, episodes and recent return");
    }

    [Test]
    public void TheSameSeedTrainsTheSameWeightsAndAnotherSeedOthers()
    {
        string[] settings = ["rollout=64", "batch=32", "epochs=2"];
        using var a = (PolicyAgent)new Ppo().Train(Request("cartpole", 128, 2, settings));
        using var b = (PolicyAgent)new Ppo().Train(Request("cartpole", 128, 2, settings));
        using var c = (PolicyAgent)new Ppo().Train(Request("cartpole", 128, 2, settings, seed: 8));
        Assert.That(Weights(b), Is.EqualTo(Weights(a)));
        Assert.That(Weights(c), Is.Not.EqualTo(Weights(a)));
    }

    [TestCase("cartpole")]
    [TestCase("pendulum")]
    public void ASavedAgentLoadsAndActsTheSame(string env)
    {
        var path = Path.Combine(_directory, "agent.ckpt");
        using var trained = new Ppo().Train(Request(env, 128, 2, ["rollout=64", "batch=64", "epochs=1"]));
        trained.Save(path);
        using var loaded = RlCatalogue.Load(path);
        Assert.That(loaded.Algorithm, Is.EqualTo("ppo"));
        Assert.That(Evaluation.Run(loaded, 3, 77).Returns, Is.EqualTo(Evaluation.Run(trained, 3, 77).Returns));
        loaded.Save(path); // a loaded agent saves its networks again
        using var again = RlCatalogue.Load(path);
        Assert.That(Weights((PolicyAgent)again), Is.EqualTo(Weights((PolicyAgent)loaded)));
    }

    [Test]
    public void ReinforceWithoutABaselineHasNoValueNetwork()
    {
        using var agent = (PolicyAgent)new Reinforce().Train(Request("cartpole", 100_000, 2, ["episodes=2", "max_episodes=2", "baseline=false"]));
        Assert.That(agent.Model.Value, Is.Null);
        Assert.That(agent.Training.Episodes, Is.EqualTo(2));
    }

    [Test]
    public void ReinforceStopsAtTheStepBudget()
    {
        using var agent = new Reinforce().Train(Request("cartpole", 30, 1, ["episodes=1", "max_episodes=100"]));
        Assert.That(agent.Training.Steps, Is.GreaterThanOrEqualTo(30));
        Assert.That(agent.Training.Episodes, Is.LessThan(100));
    }

    [Test]
    public void BadSettingsAreRefusedWithTheirNames()
    {
        Assert.That(() => new Ppo().Train(Request("cartpole", 64, 1, ["clip=0"])), Throws.InstanceOf<ModelException>().With.Message.Contain("clip"));
        Assert.That(() => new Ppo().Train(Request("cartpole", 64, 1, ["gamma=1.5"])), Throws.InstanceOf<ModelException>().With.Message.Contain("gamma"));
        Assert.That(() => new Ppo().Train(Request("cartpole", 64, 1, ["max_kl=0.1"])), Throws.InstanceOf<ModelException>().With.Message.Contain("max_kl"));
        Assert.That(() => new NaturalPolicyGradient().Train(Request("cartpole", 64, 1, ["cg_iters=0"])), Throws.InstanceOf<ModelException>().With.Message.Contain("cg_iters"));
        Assert.That(() => new Reinforce().Train(Request("cartpole", 64, 1, ["baseline=maybe"])), Throws.InstanceOf<ModelException>().With.Message.Contain("baseline"));
        Assert.That(() => new Ppo().Train(Request("cartpole", 0, 1, [])), Throws.ArgumentException.With.Message.Contain("--steps"));
    }

    [Test]
    public void ACheckpointOfAnotherRunIsRefused()
    {
        var path = Path.Combine(_directory, "run.ckpt");
        string[] settings = ["rollout=32", "batch=32", "epochs=1", "checkpoint_every=1"];
        using (new Ppo().Train(Request("cartpole", 96, 1, settings) with { CheckpointPath = path }))
        {
        }
        Assert.That(() => new Ppo().Train(Request("cartpole", 96, 1, settings, seed: 5) with { ResumePath = path }),
            Throws.InstanceOf<CheckpointException>().With.Message.Contain("run.seed"));
        Assert.That(() => new Ppo().Train(Request("cartpole", 96, 1, [.. settings, "lr=0.01"]) with { ResumePath = path }),
            Throws.InstanceOf<CheckpointException>().With.Message.Contain("setting.lr"));
        Assert.That(() => new Reinforce().Train(Request("cartpole", 96, 1, ["checkpoint_every=1"]) with { ResumePath = path }),
            Throws.InstanceOf<CheckpointException>().With.Message.Contain("rl.algo"));
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.That(() => new Ppo().Train(Request("cartpole", 96, 1, settings) with { ResumePath = path }), Throws.InstanceOf<CheckpointException>());
        Assert.That(() => RlCatalogue.Load(path), Throws.InstanceOf<CheckpointException>());
    }

    private static RlTrainRequest Request(string env, long steps, int copies, string[] settings, int seed = 1) =>
        new(RlCatalogue.Environment(env), steps, copies, seed, new ModelSettings(settings));

    private static float[][] Weights(PolicyAgent agent) => [.. agent.Model.NamedParameters().Select(p => p.Parameter.Value.ToArray<float>())];
}
