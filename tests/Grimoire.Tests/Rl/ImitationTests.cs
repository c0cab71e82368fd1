using System.Text.Json;
using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Rl.Agents;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Imitation;
using Grimoire.Tests.Cli;

namespace Grimoire.Tests.Rl;

/// <summary>Behaviour cloning and DAgger (book §22–24) as plugins: mode averaging on the obstacle course, small
/// CartPole runs of both methods within a label budget, saving and loading, and what they refuse.</summary>
public sealed class ImitationTests
{
    private static readonly EnvironmentEntry Obstacle = RlCatalogue.Environment("obstacle");
    private static readonly EnvironmentEntry CartPole = RlCatalogue.Environment("cartpole");
    private static readonly float[] Fork = [0f, -1f];

    [Test]
    public void AGaussianAveragesTheTwoRoutesAndAMixtureKeepsThem()
    {
        var request = new RlTrainRequest(Obstacle, 300, 1, 5, new ModelSettings(["epochs=200"]));
        using var gaussian = ImitationAlgorithm.GaussianCloning.Train(request);
        using var mixture = (ImitationAgent)ImitationAlgorithm.MixtureCloning.Train(request with { Settings = new ModelSettings(["epochs=200"]) });

        Assert.That(Math.Abs(gaussian.ActContinuous(Fork)[0]), Is.LessThan(0.25), "the Gaussian's mean at the fork points between the routes (the expert's are ±0.57)");
        var policy = (MixtureDensityPolicy)mixture.Policy;
        using (new TensorScope())
        {
            var (logits, means, _) = policy.Split(policy.Forward(Tensor.FromArray(Fork, new Shape(1, 2))));
            var (weights, x) = (logits.Softmax(1).ToDoubleArray(), means.ToDoubleArray().Where((_, i) => i % 2 == 0).ToArray());
            Assert.That(Enumerable.Range(0, weights.Length).Where(k => x[k] < -0.4).Sum(k => weights[k]), Is.InRange(0.25, 0.75), "weight on the left route");
            Assert.That(Enumerable.Range(0, weights.Length).Where(k => x[k] > 0.4).Sum(k => weights[k]), Is.InRange(0.25, 0.75), "weight on the right route");
        }
        var (g, m) = (ModeAveraging.Score(gaussian, 100, 1_000_000), ModeAveraging.Score(mixture, 100, 1_000_000));
        Assert.That(m.SuccessRate, Is.GreaterThanOrEqualTo(0.95), "the mixture goes round");
        Assert.That(g.CollisionRate, Is.GreaterThan(0.5), "the Gaussian mostly drives into the obstacle");
    }

    [Test]
    public void BehaviourCloningAndDaggerSpendExactlyTheLabelBudget()
    {
        var settings = new[] { "epochs=30" };
        using var bc = ImitationAlgorithm.CategoricalCloning.Train(new RlTrainRequest(CartPole, 600, 1, 0, new ModelSettings(settings)));
        using var dagger = ImitationAlgorithm.Dagger.Train(new RlTrainRequest(CartPole, 600, 1, 0, new ModelSettings([.. settings, "rounds=3"])));
        Assert.That((bc.Training.Steps, dagger.Training.Steps), Is.EqualTo((600L, 600L)));
        Assert.That(bc.Training.Episodes, Is.EqualTo(1), "one full expert episode (500 steps), the second cut by the budget");
        Assert.That(bc.Training.MeanReturn, Is.EqualTo(500), "the expert balances for the whole episode");
        Assert.That(Evaluation.Run(bc, 5, 1_000_000).Mean, Is.GreaterThan(100), "far above a random policy's ≈ 20");
        Assert.That(Evaluation.Run(dagger, 5, 1_000_000).Mean, Is.GreaterThan(100));
    }

    [Test]
    public void TheSavedAgentLoadsAndActsTheSame()
    {
        var path = Path.Combine(Path.GetTempPath(), $"grimoire-bc-{Guid.NewGuid():N}.ckpt");
        try
        {
            using var trained = ImitationAlgorithm.MixtureCloning.Train(new RlTrainRequest(Obstacle, 100, 1, 2, new ModelSettings(["epochs=5", "components=3"])));
            trained.Save(path);
            using var loaded = RlCatalogue.Load(path);
            Assert.That((loaded.Algorithm, loaded.Environment.Name), Is.EqualTo(("bc-mdn", "obstacle")));
            Assert.That(loaded.Training, Is.EqualTo(trained.Training));
            foreach (var observation in new[] { Fork, [0.3f, -0.6f], [-0.5f, 0.2f] })
                Assert.That(loaded.ActContinuous(observation), Is.EqualTo(trained.ActContinuous(observation)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void EachMethodSaysWhatItCannotLearn()
    {
        Assert.That(ImitationAlgorithm.MixtureCloning.CannotLearn(CartPole), Does.Contain("continuous actions"));
        Assert.That(ImitationAlgorithm.GaussianCloning.CannotLearn(CartPole), Does.Contain("continuous actions"));
        Assert.That(ImitationAlgorithm.CategoricalCloning.CannotLearn(Obstacle), Does.Contain("discrete actions"));
        Assert.That(ImitationAlgorithm.Dagger.CannotLearn(RlCatalogue.Environment("pendulum")), Does.Contain("expert"));
        Assert.That(ImitationAlgorithm.Dagger.CannotLearn(RlCatalogue.Environment("gridworld")), Does.Contain("expert"));
        Assert.That(ImitationAlgorithm.Dagger.CannotLearn(Obstacle), Is.Null);
        Assert.That(ImitationAlgorithm.Dagger.CannotLearn(CartPole), Is.Null);
        Assert.Throws<ModelException>(() => ImitationAlgorithm.MixtureCloning.Train(new RlTrainRequest(CartPole, 100, 1, 0, ModelSettings.Empty)));
    }

    [TestCase("components=0", "components")]
    [TestCase("epochs=0", "epochs")]
    [TestCase("rounds=20", "--steps")]
    [TestCase("tau=0.5", "tau")]
    public void BadSettingsAreRefusedByName(string setting, string named)
    {
        var error = Assert.Throws<ModelException>(() => ImitationAlgorithm.Dagger.Train(new RlTrainRequest(Obstacle, 10, 1, 0, new ModelSettings([setting]))));
        Assert.That(error!.Message, Does.Contain(named));
    }

    [Test]
    public void ResumingOrSeveralCopiesAreRefused()
    {
        Assert.Throws<ModelException>(() => ImitationAlgorithm.MixtureCloning.Train(new RlTrainRequest(Obstacle, 10, 1, 0, ModelSettings.Empty) { ResumePath = "x.ckpt" }));
        Assert.Throws<ModelException>(() => ImitationAlgorithm.MixtureCloning.Train(new RlTrainRequest(Obstacle, 10, 2, 0, ModelSettings.Empty)));
    }

    [Test]
    public void TheCommandLineTrainsAnImitationAgentAndWritesNullForNoFinishedEpisode()
    {
        var run = CliRun.Of("rl", "train", "bc-categorical", "--env", "cartpole", "--steps", "100", "--set", "epochs=2", "--eval-episodes", "2", "--json");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Err);
        using var json = JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.GetProperty("algo").GetString(), Is.EqualTo("bc-categorical"));
        Assert.That(json.RootElement.GetProperty("steps").GetInt64(), Is.EqualTo(100));
        Assert.That(json.RootElement.GetProperty("train_mean_return").ValueKind, Is.EqualTo(JsonValueKind.Null), "100 labels finish no 500-step expert episode");
    }

    [Test]
    public void TheCommandLineRefusesAnAlgorithmThatCannotActInTheEnvironment()
    {
        var run = CliRun.Of("rl", "train", "bc-mdn", "--env", "cartpole");
        Assert.That(run.ExitCode, Is.Not.EqualTo(0));
        Assert.That(run.Err.Trim(), Does.StartWith("error: ").And.Contain("continuous actions"));
    }
}
