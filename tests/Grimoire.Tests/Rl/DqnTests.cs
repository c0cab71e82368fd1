using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Nn.Checkpoints;
using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.ValueBased;

namespace Grimoire.Tests.Rl;

/// <summary>The DQN plugin (book §27–28): it learns a grid world's optimal policy, a run interrupted after a checkpoint
/// and resumed ends bit for bit as the uninterrupted run, its checkpoint loads as an agent, and bad settings, actions
/// spaces and checkpoints are refused.</summary>
public sealed class DqnTests
{
    /// <summary>A small, fast run: the buffer wraps, targets update softly, a checkpoint every 1000 steps.</summary>
    private static readonly string[] Small =
    [
        "hidden=16", "buffer=1500", "learning_starts=300", "train_freq=100", "gradient_steps=8", "batch=16",
        "target_update=4", "tau=0.5", "exploration_fraction=0.3", "checkpoint_every=1000",
    ];

    private string _dir = "";

    [SetUp]
    public void MakeDirectory() => _dir = Directory.CreateTempSubdirectory("grimoire-dqn-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void LearnsTheGridWorldsShortestPaths()
    {
        var env = RlCatalogue.Environment("gridworld");
        using var agent = new DqnAlgorithm().Train(new RlTrainRequest(env, 4000, 1, 0, new ModelSettings(
            ["hidden=32", "learning_starts=200", "train_freq=4", "gradient_steps=4", "batch=32", "lr=0.005", "target_update=1", "tau=0.05", "exploration_fraction=0.5"])));
        for (var cell = 1; cell < 15; cell++)
        {
            var (x, y) = (cell % 4, cell / 4);
            var distance = Math.Min(x + y, 6 - x - y);
            var observation = new float[16];
            observation[cell] = 1;
            var (nx, ny) = agent.ActDiscrete(observation) switch { 0 => (x, y - 1), 1 => (x + 1, y), 2 => (x, y + 1), _ => (x - 1, y) };
            Assert.That(Math.Min(nx + ny, 6 - nx - ny), Is.EqualTo(distance - 1), $"cell {cell}: the greedy move heads for the nearest corner");
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    public void AResumedRunEndsExactlyAsTheUninterruptedOne(int envs)
    {
        var env = RlCatalogue.Environment("cartpole");
        var path = Path.Combine(_dir, "run.ckpt");
        using var whole = (DqnAgent)new DqnAlgorithm().Train(new RlTrainRequest(env, 3000, envs, 7, new ModelSettings(Small)));
        // Progress lines come every 150 steps: the 14th (step 2100) "crashes" the run after its checkpoint at 2000.
        Assert.Throws<IOException>(() => new DqnAlgorithm().Train(new RlTrainRequest(env, 3000, envs, 7, new ModelSettings(Small)) { CheckpointPath = path }, new CrashingWriter(14)));
        using (var interrupted = (DqnAgent)new DqnAlgorithm().Load(path, env))
            Assert.That(interrupted.Run.Steps, Is.EqualTo(2000), "the checkpoint is the one at 2000 steps");
        using var resumed = (DqnAgent)new DqnAlgorithm().Train(new RlTrainRequest(env, 3000, envs, 7, new ModelSettings(Small)) { ResumePath = path });

        Assert.That(Weights(resumed), Is.EqualTo(Weights(whole)), "online and target networks, bit for bit");
        Assert.That(Moments(resumed), Is.EqualTo(Moments(whole)), "Adam's moments");
        var (a, b) = (whole.Run, resumed.Run);
        Assert.That((b.Steps, b.Learner.GradientSteps, b.Learner.Optimizer.Steps, b.Learner.Optimizer.LearningRate), Is.EqualTo((a.Steps, a.Learner.GradientSteps, a.Learner.Optimizer.Steps, a.Learner.Optimizer.LearningRate)));
        Assert.That((b.Figures.Episodes, b.Figures.MeanReturn), Is.EqualTo((a.Figures.Episodes, a.Figures.MeanReturn)));
        Assert.That(b.Learner.Random.State, Is.EqualTo(a.Learner.Random.State));
        Assert.That((b.Learner.Buffer.Count, b.Learner.Buffer.Position), Is.EqualTo((a.Learner.Buffer.Count, a.Learner.Buffer.Position)));
    }

    [Test]
    public void TheSavedAgentLoadsAndActsTheSame()
    {
        var env = RlCatalogue.Environment("cartpole");
        var path = Path.Combine(_dir, "agent.ckpt");
        using var trained = new DqnAlgorithm().Train(new RlTrainRequest(env, 1000, 1, 3, new ModelSettings(Small)));
        trained.Save(path);
        using var loaded = RlCatalogue.Load(path);
        Assert.That(loaded.Algorithm, Is.EqualTo("dqn"));
        Assert.That(loaded.Training with { Seconds = 0 }, Is.EqualTo(trained.Training with { Seconds = 0 }));
        var rng = new Rng(1);
        for (var i = 0; i < 50; i++)
        {
            float[] observation = [.. Enumerable.Range(0, 4).Select(_ => (float)rng.NextNormal() * 0.1f)];
            Assert.That(loaded.ActDiscrete(observation), Is.EqualTo(trained.ActDiscrete(observation)));
        }
        Assert.That(Evaluation.Run(loaded, 3, 99).Mean, Is.EqualTo(Evaluation.Run(trained, 3, 99).Mean));
    }

    [Test]
    public void ContinuousActionsAreRefused()
    {
        var dqn = new DqnAlgorithm();
        Assert.That(dqn.CannotLearn(RlCatalogue.Environment("pendulum")), Does.Contain("discrete actions"));
        Assert.That(dqn.CannotLearn(RlCatalogue.Environment("obstacle")), Does.Contain("discrete actions"));
        Assert.That(dqn.CannotLearn(RlCatalogue.Environment("cartpole")), Is.Null);
        Assert.Throws<ModelException>(() => dqn.Train(new RlTrainRequest(RlCatalogue.Environment("pendulum"), 100, 1, 0, ModelSettings.Empty)));
    }

    [TestCase("tau=0", "tau")]
    [TestCase("tau=1.5", "tau")]
    [TestCase("gamma=-0.1", "gamma")]
    [TestCase("batch=0", "batch")]
    [TestCase("epsilon_end=2", "epsilon_end")]
    [TestCase("kappa=0.9", "kappa")]
    public void BadSettingsAreRefusedByName(string setting, string key)
    {
        var error = Assert.Throws<ModelException>(() => new DqnAlgorithm().Train(new RlTrainRequest(RlCatalogue.Environment("cartpole"), 100, 1, 0, new ModelSettings([setting]))));
        Assert.That(error!.Message, Does.Contain(key));
    }

    [Test]
    public void NonPositiveStepsAreRefused() =>
        Assert.Throws<ArgumentException>(() => new DqnAlgorithm().Train(new RlTrainRequest(RlCatalogue.Environment("cartpole"), 0, 1, 0, ModelSettings.Empty)));

    [Test]
    public void ResumingWithOtherOptionsOrFromABadFileIsRefused()
    {
        var env = RlCatalogue.Environment("cartpole");
        var path = Path.Combine(_dir, "run.ckpt");
        using (var agent = new DqnAlgorithm().Train(new RlTrainRequest(env, 500, 1, 1, new ModelSettings(Small)))) agent.Save(path);
        var other = Assert.Throws<CheckpointException>(() => new DqnAlgorithm().Train(new RlTrainRequest(env, 500, 1, 2, new ModelSettings(Small)) { ResumePath = path }));
        Assert.That(other!.Message, Does.Contain("--seed 1 (asked 2)"));
        var settings = Assert.Throws<CheckpointException>(() => new DqnAlgorithm().Train(new RlTrainRequest(env, 500, 1, 1, new ModelSettings([.. Small, "double=false"])) { ResumePath = path }));
        Assert.That(settings!.Message, Does.Contain("double=true (asked false)"));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Throws<CheckpointException>(() => RlCatalogue.Load(path));
    }

    private static double[] Weights(DqnAgent agent) => [.. agent.Run.Learner.Networks.Parameters().SelectMany(p => p.Value.ToDoubleArray())];

    private static double[] Moments(DqnAgent agent) =>
        [.. agent.Run.Learner.Optimizer.State.SelectMany(s => s.Tensors).SelectMany(t => t.ToDoubleArray())];

    /// <summary>A progress writer that fails on its n-th line, as a run killed mid-way.</summary>
    private sealed class CrashingWriter(int lines) : StringWriter
    {
        private int _written;

        public override void WriteLine(string? value)
        {
            if (++_written == lines) throw new IOException("simulated crash");
            base.WriteLine(value);
        }
    }
}
