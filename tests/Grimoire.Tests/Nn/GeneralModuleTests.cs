using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;

namespace Grimoire.Tests.Nn;

/// <summary>Modules beyond tensor → tensor, trained with the general loop: a regression net, an actor-critic with a
/// tuple input and two heads, and a recurrent cell whose hidden state is carried over a sequence; ModuleList and
/// ModuleDict name their children's parameters as PyTorch does.</summary>
[TestFixture]
public sealed class GeneralModuleTests
{
    [Test]
    public void ModuleListAndDictNameParametersAsPyTorch()
    {
        using var heads = new ModuleDict<Module> { { "policy", new Linear(4, 2, rng: new Rng(1)) }, { "value", new Linear(4, 1, bias: false, rng: new Rng(2)) } };
        using var list = new ModuleList<ModuleBase>([new Linear(3, 4, rng: new Rng(3)), new BatchNorm1d(4)]);
        Assert.That(heads.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "policy.weight", "policy.bias", "value.weight" }));
        Assert.That(list.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "0.weight", "0.bias", "1.weight", "1.bias" }));
        Assert.That(list.NamedBuffers().Select(b => b.Name), Is.EqualTo(new[] { "1.running_mean", "1.running_var" }));
        Assert.That(heads.Keys, Is.EqualTo(new[] { "policy", "value" }));
        Assert.That(heads["value"], Is.SameAs(heads.Values.Last()));
        Assert.That(list, Has.Count.EqualTo(2));
        list.Eval();
        Assert.That(list[1].Training, Is.False);
    }

    [Test]
    public void NestedContainersJoinTheirNames()
    {
        using var model = new ActorCritic(new Rng(1));
        Assert.That(model.NamedParameters().Select(p => p.Name),
            Is.EqualTo(new[] { "trunk.0.weight", "trunk.0.bias", "heads.policy.weight", "heads.policy.bias", "heads.value.weight", "heads.value.bias" }));
    }

    [Test]
    public void BadContainerEntriesAreRefused()
    {
        using var dict = new ModuleDict<Module>();
        var linear = new Linear(2, 2);
        dict.Add("a", linear);
        Assert.That(() => dict.Add("a.b", new ReLU()), Throws.ArgumentException.With.Message.Contain("must not contain '.'"));
        Assert.That(() => dict.Add("a", new ReLU()), Throws.ArgumentException.With.Message.Contain("already holds a module named 'a'"));
        Assert.That(() => dict.Add("b", linear), Throws.ArgumentException.With.Message.Contain("already in the module dict as 'a'"));
        Assert.That(() => dict.Add("", new ReLU()), Throws.ArgumentException);
        Assert.That(() => dict["missing"], Throws.TypeOf<KeyNotFoundException>().With.Message.Contain("'missing'"));
        using var list = new ModuleList<Module>();
        var relu = new ReLU();
        list.Add(relu);
        Assert.That(() => list.Add(relu), Throws.ArgumentException.With.Message.Contain("already in the module list at 0"));
    }

    [Test]
    public void RegressionNetLearnsALinearMapAndMetricsAreRowWeighted()
    {
        using var data = RegressionData.Create(rows: 96, seed: 4);
        using var model = new Sequential(new Linear(2, 8, Activation.Tanh, new Rng(1)), new Linear(8, 1, rng: new Rng(2)));
        using var optimizer = new Adam(model.Parameters(), 0.03);
        var mae = new Metric<Module, (Tensor X, Tensor Y)>("mae", (m, b) => (m.Forward(b.X) - b.Y).Abs().Mean().Item(), b => b.X.Shape[0]);
        var loop = new TrainingLoop<Module, (Tensor X, Tensor Y)>(model, optimizer, (m, b) => Losses.Mse(m.Forward(b.X), b.Y))
        {
            Metrics = [mae],
            BatchWeight = b => b.X.Shape[0],
        };
        var history = loop.Fit(epoch => data.Batches(20, seed: 7, epoch), 60, _ => data.Batches(40, seed: 0, epoch: 0));
        Assert.That(history, Has.Count.EqualTo(60));
        Assert.That(history[^1].TrainLoss, Is.LessThan(history[0].TrainLoss / 20));
        Assert.That(history[^1]["mae"], Is.LessThan(0.1));
        // Batches of 40, 40 and 16 rows, weighted by rows, give the mean over all 96 rows.
        var whole = loop.Evaluate([(data.X, data.Y)])[0].Value;
        Assert.That(loop.Evaluate(data.Batches(40, seed: 0, epoch: 0))[0].Value, Is.EqualTo(whole).Within(1e-6));
        Assert.That(model.Training, Is.True, "evaluation restores the training mode");
    }

    [Test]
    public void ActorCriticWithTupleInputAndTwoHeadsTrainsBothHeads()
    {
        // Contextual bandit: the rewarding action is 0 when the first feature is positive, 1 otherwise; action 2 is
        // masked out. The critic learns the expected reward, the actor the rewarding action.
        using var model = new ActorCritic(new Rng(3));
        using var optimizer = new Adam(model.Parameters(), 0.02);
        var rng = new Rng(11);
        var loop = new TrainingLoop<ActorCritic, Rollout>(model, optimizer, (m, r) =>
        {
            var (logits, value) = m.Forward((r.States, r.Mask));
            var advantage = (r.Rewards - value.Reshape(-1)).Detach();
            var chosen = (logits.LogSoftmax(-1) * r.Actions).Sum(-1);
            return -(chosen * advantage).Mean() + Losses.Mse(value.Reshape(-1), r.Rewards);
        })
        {
            Metrics = [new("greedy reward", (m, r) => m.GreedyReward(r))],
            Generators = new Dictionary<string, Rng> { ["exploration"] = rng },
        };
        using var validation = Rollout.Sample(model, 64, new Rng(99));
        var before = loop.Evaluate([validation])[0].Value;
        var history = loop.Fit(_ => Enumerable.Range(0, 4).Select(_ => Rollout.Sample(model, 32, rng)), 30, _ => [validation]);
        Assert.That(before, Is.LessThan(0.8));
        Assert.That(history[^1]["greedy reward"], Is.GreaterThan(0.95));
        Assert.That(model.NamedParameters().All(p => p.Parameter.Grad is not null), "both heads and the trunk get gradients");
    }

    [Test]
    public void RecurrentCellUnrolledOverASequenceLearnsAndPassesGradientsThroughTime()
    {
        // Target: the sum of the sequence's first values; only the last hidden state is read, so the first steps
        // reach the loss only through the recurrence.
        using var cell = new RecurrentCell(1, 8, new Rng(5));
        using var readout = new Linear(8, 1, rng: new Rng(6));
        using var model = new ModuleList<ModuleBase>([cell, readout]);
        using var optimizer = new Adam(model.Parameters(), 0.02);
        var data = new Rng(21);
        var sequences = Enumerable.Range(0, 8).Select(_ => Sequence.Sample(16, 5, data)).ToList();
        var loop = new TrainingLoop<ModuleList<ModuleBase>, Sequence>(model, optimizer, (m, s) => Losses.Mse(Unroll(cell, readout, s), s.Target));
        var history = loop.Fit(sequences, 80);
        Assert.That(history[^1].TrainLoss, Is.LessThan(history[0].TrainLoss / 10));
        Assert.That(cell.Recurrent.Grad!.ToArray<float>().Any(g => g != 0), "the recurrent weight gets a gradient");
        foreach (var s in sequences) s.Dispose();
    }

    private static Tensor Unroll(RecurrentCell cell, Linear readout, Sequence s)
    {
        var h = Tensor.Zeros(new Shape(s.Steps[0].Shape[0], cell.Hidden));
        foreach (var x in s.Steps) h = cell.Forward((x, h));
        return readout.Forward(h);
    }

    /// <summary>h' = tanh(x·Wx + h·Wh + b): the state goes in with the input and comes back out.</summary>
    private sealed class RecurrentCell : Module<(Tensor X, Tensor H), Tensor>
    {
        public RecurrentCell(int inputs, int hidden, Rng rng)
        {
            Hidden = hidden;
            Input = new Parameter("input_weight", Tensor.RandU(new Shape(inputs, hidden), -0.5, 0.5, rng));
            Recurrent = new Parameter("recurrent_weight", Tensor.RandU(new Shape(hidden, hidden), -0.3, 0.3, rng));
            Bias = new Parameter("bias", Tensor.Zeros(new Shape(hidden)));
        }

        public int Hidden { get; }

        public Parameter Input { get; }

        public Parameter Recurrent { get; }

        public Parameter Bias { get; }

        protected override IEnumerable<Parameter> OwnParameters => [Input, Recurrent, Bias];

        public override Tensor Forward((Tensor X, Tensor H) input) => (input.X.MatMul(Input.Value) + input.H.MatMul(Recurrent.Value) + Bias.Value).Tanh();
    }

    internal sealed record Sequence(Tensor[] Steps, Tensor Target) : IDisposable
    {
        public static Sequence Sample(int rows, int length, Rng rng)
        {
            var values = Enumerable.Range(0, rows * length).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            var steps = Enumerable.Range(0, length).Select(t => Tensor.FromArray(Enumerable.Range(0, rows).Select(r => values[r * length + t]).ToArray(), new Shape(rows, 1))).ToArray();
            var target = Enumerable.Range(0, rows).Select(r => values[r * length] + values[r * length + 1]).ToArray();
            return new Sequence(steps, Tensor.FromArray(target, new Shape(rows, 1)));
        }

        public void Dispose()
        {
            foreach (var t in Steps.Append(Target)) t.Dispose();
        }
    }

    /// <summary>A shared trunk and two heads in a ModuleDict; the input is the state and a mask of allowed actions.</summary>
    internal sealed class ActorCritic : Module<(Tensor State, Tensor Mask), (Tensor Logits, Tensor Value)>
    {
        public ActorCritic(Rng rng)
        {
            Trunk = new Sequential(new Linear(2, 16, Activation.Tanh, rng));
            Heads = new ModuleDict<Module> { { "policy", new Linear(16, 3, rng: rng) }, { "value", new Linear(16, 1, rng: rng) } };
        }

        public Sequential Trunk { get; }

        public ModuleDict<Module> Heads { get; }

        protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("trunk", Trunk), ("heads", Heads)];

        /// <summary>Masked actions get a logit of −1e9, so their probability is 0.</summary>
        public override (Tensor Logits, Tensor Value) Forward((Tensor State, Tensor Mask) input)
        {
            var features = Trunk.Forward(input.State);
            var logits = Heads["policy"].Forward(features) + (input.Mask - 1) * 1e9;
            return (logits, Heads["value"].Forward(features));
        }

        public double GreedyReward(Rollout r)
        {
            var actions = Forward((r.States, r.Mask)).Logits.ArgMax(-1).ToArray<int>();
            var states = r.States.ToArray<float>();
            return actions.Select((a, i) => Rollout.Reward(states[2 * i], a)).Average();
        }
    }

    /// <summary>One batch of bandit steps: states, the mask, the one-hot actions sampled from the policy, their rewards.</summary>
    internal sealed record Rollout(Tensor States, Tensor Mask, Tensor Actions, Tensor Rewards) : IDisposable
    {
        public static double Reward(float firstFeature, int action) => action == (firstFeature > 0 ? 0 : 1) ? 1 : 0;

        public static Rollout Sample(ActorCritic model, int rows, Rng rng)
        {
            var states = Enumerable.Range(0, rows * 2).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            var mask = Enumerable.Range(0, rows * 3).Select(i => i % 3 == 2 ? 0f : 1f).ToArray();
            var x = Tensor.FromArray(states, new Shape(rows, 2));
            var m = Tensor.FromArray(mask, new Shape(rows, 3));
            double[] probabilities;
            using (Grimoire.Autograd.GradMode.NoGrad()) probabilities = model.Forward((x, m)).Logits.Softmax(-1).ToDoubleArray();
            var actions = new float[rows * 3];
            var rewards = new float[rows];
            for (var i = 0; i < rows; i++)
            {
                var (u, a) = (rng.NextDouble(), 0);
                while (a < 2 && u >= probabilities[3 * i + a]) u -= probabilities[3 * i + a++];
                actions[3 * i + a] = 1;
                rewards[i] = (float)Reward(states[2 * i], a);
            }
            return new Rollout(x, m, Tensor.FromArray(actions, new Shape(rows, 3)), Tensor.FromArray(rewards));
        }

        public void Dispose()
        {
            foreach (var t in new[] { States, Mask, Actions, Rewards }) t.Dispose();
        }
    }

    /// <summary>y = 1.5·x₀ − 2·x₁ + 0.5 on standard normal inputs.</summary>
    internal sealed class RegressionData(Tensor x, Tensor y) : IDisposable
    {
        public Tensor X { get; } = x;

        public Tensor Y { get; } = y;

        public int Rows => X.Shape[0];

        public static RegressionData Create(int rows, ulong seed, DType dtype = DType.Float32)
        {
            var x = Tensor.RandN(new Shape(rows, 2), rng: new Rng(seed), dtype: dtype);
            var v = x.ToDoubleArray();
            var y = Enumerable.Range(0, rows).Select(i => 1.5 * v[2 * i] - 2 * v[2 * i + 1] + 0.5).ToArray();
            var target = Tensor.FromArray(y, new Shape(rows, 1));
            return new RegressionData(x, dtype == DType.Float64 ? target : Convert(target));
        }

        private static Tensor Convert(Tensor t)
        {
            using (t) return Tensor.FromArray(t.ToDoubleArray().Select(d => (float)d).ToArray(), t.Shape);
        }

        /// <summary>Epoch <paramref name="epoch"/>'s shuffled row batches, made lazily (so inside the loop's step scope).</summary>
        public IEnumerable<(Tensor X, Tensor Y)> Batches(int batchSize, ulong seed, int epoch) => Gathered(MiniBatches.Epoch(Rows, batchSize, seed, epoch));

        /// <summary>Batches shuffled by <paramref name="rng"/>, drawn now.</summary>
        public IEnumerable<(Tensor X, Tensor Y)> Batches(int batchSize, Rng rng) => Gathered(MiniBatches.Epoch(Rows, batchSize, rng));

        private IEnumerable<(Tensor X, Tensor Y)> Gathered(IReadOnlyList<int[]> batches) =>
            batches.Select(rows => (MiniBatches.Rows(X, rows), MiniBatches.Rows(Y, rows)));

        public void Dispose()
        {
            X.Dispose();
            Y.Dispose();
        }
    }
}
