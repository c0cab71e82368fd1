using Grimoire.Autograd;
using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;

namespace Grimoire.Rl.ValueBased;

/// <summary>
/// What deep Q-learning learns with (book §27–28): the online Q-network Q(s, ·) (an MLP with two ReLU hidden layers and
/// one output per action), its target copy Q̂ updated by Polyak averaging, Adam on the online network, the replay
/// buffer, and one generator for the initial weights, ε-greedy draws and batch sampling. A gradient step regresses
/// Q(s, a) on the Double-DQN (or DQN) target with the Huber loss and clips the global gradient norm.
/// </summary>
internal sealed class DqnLearner : IDisposable
{
    private readonly DqnSettings _settings;

    /// <summary>A learner with fresh weights drawn from a generator seeded by <paramref name="seed"/>; Q̂ starts as a copy of Q.</summary>
    public DqnLearner(DqnSettings settings, int observationSize, int actions, int seed)
    {
        _settings = settings;
        (ObservationSize, Actions) = (observationSize, actions);
        Random = new Rng((ulong)seed);
        Networks = new ModuleDict<Module>([new("online", Build(Random)), new("target", Build(Random))]);
        Polyak.Update(Target, Online, tau: 1);
        Optimizer = new Adam(Online.Parameters(), settings.LearningRate);
        Buffer = new ReplayBuffer(settings.BufferSize, observationSize);
    }

    /// <summary>Components per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Discrete actions.</summary>
    public int Actions { get; }

    /// <summary>"online" and "target", as a checkpoint names their parameters.</summary>
    public ModuleDict<Module> Networks { get; }

    /// <summary>Q, trained.</summary>
    public Module Online => Networks["online"];

    /// <summary>Q̂, the slowly moving copy that scores targets.</summary>
    public Module Target => Networks["target"];

    /// <summary>Adam on Q's parameters.</summary>
    public Adam Optimizer { get; }

    /// <summary>The transitions seen.</summary>
    public ReplayBuffer Buffer { get; }

    /// <summary>Draws exploration and batches.</summary>
    public Rng Random { get; }

    /// <summary>Gradient steps taken.</summary>
    public long GradientSteps { get; set; }

    /// <summary>ε-greedy actions for the [K·d] <paramref name="observations"/>: each copy draws whether to explore,
    /// then explorers draw a uniform action and the others take argmax Q (one batched forward, skipped when all explore).</summary>
    public int[] Act(float[] observations, double epsilon)
    {
        var copies = observations.Length / ObservationSize;
        var explore = new bool[copies];
        for (var i = 0; i < copies; i++) explore[i] = Random.NextDouble() < epsilon;
        var greedy = explore.All(e => e) ? null : Greedy(observations);
        var actions = new int[copies];
        for (var i = 0; i < copies; i++) actions[i] = explore[i] ? Random.NextInt(Actions) : greedy![i];
        return actions;
    }

    /// <summary>argmax_a Q(s, a) for each row of the [K·d] <paramref name="observations"/> (lowest action on ties).</summary>
    public int[] Greedy(float[] observations)
    {
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var x = Tensor.FromArray(observations, new Shape(observations.Length / ObservationSize, ObservationSize));
        return Online.Forward(x).ArgMax(1).ToArray<int>();
    }

    /// <summary>One gradient step on a uniformly sampled batch; every <see cref="DqnSettings.TargetUpdateInterval"/>-th
    /// step then moves Q̂ towards Q with weight τ. Returns the batch's loss.</summary>
    public double GradientStep()
    {
        var n = _settings.BatchSize;
        double loss;
        using (new TensorScope())
        {
            var batch = Buffer.Gather(Buffer.SampleIndices(n, Random));
            var observations = Tensor.FromArray(batch.Observations, new Shape(n, ObservationSize));
            var next = Tensor.FromArray(batch.NextObservations, new Shape(n, ObservationSize));
            var (actions, rewards, terminated) = (Tensor.FromArray(batch.Actions), Tensor.FromArray(batch.Rewards), Tensor.FromArray(batch.Terminated));
            Tensor targets;
            using (GradMode.NoGrad())
            {
                var nextTarget = Target.Forward(next);
                targets = _settings.DoubleDqn
                    ? QTargets.DoubleDqn(rewards, terminated, Online.Forward(next), nextTarget, _settings.Gamma)
                    : QTargets.Bellman(rewards, terminated, nextTarget, _settings.Gamma);
            }
            var value = HuberLoss.Mean(QTargets.Chosen(Online.Forward(observations), actions), targets, _settings.HuberDelta);
            Optimizer.ZeroGrad();
            value.Backward();
            GradientClipping.ClipByGlobalNorm(Optimizer.Parameters, _settings.MaxGradNorm);
            Optimizer.Step();
            loss = value.Item();
        }
        if (++GradientSteps % _settings.TargetUpdateInterval == 0) Polyak.Update(Target, Online, _settings.Tau);
        return loss;
    }

    /// <summary>Frees the networks and the optimizer's moments.</summary>
    public void Dispose()
    {
        Optimizer.Dispose();
        Networks.Dispose();
    }

    /// <summary>The Q-network, weights and biases drawn from U(±1/√fan_in) (PyTorch's default for a linear layer, with which
    /// the usual DQN recipes were tuned; He-uniform weights are √6 times larger and made Q diverge on some seeds).</summary>
    private Sequential Build(Rng rng)
    {
        var network = new Sequential(
            new Linear(ObservationSize, _settings.Hidden, Activation.Relu, rng),
            new Linear(_settings.Hidden, _settings.Hidden, Activation.Relu, rng),
            new Linear(_settings.Hidden, Actions, rng: rng));
        using var noGrad = GradMode.NoGrad();
        foreach (var layer in network.Layers.Cast<Linear>())
        {
            var bound = 1 / Math.Sqrt(layer.InFeatures);
            foreach (var parameter in layer.Parameters())
            {
                using var drawn = Tensor.RandU(parameter.Shape, -bound, bound, rng);
                drawn.CopyTo(parameter.Value);
            }
        }
        return network;
    }
}
