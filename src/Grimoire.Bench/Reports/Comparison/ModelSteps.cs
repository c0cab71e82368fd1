using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Rl.PolicyGradient;

namespace Grimoire.Bench.Reports.Comparison;

/// <summary>The model-level figures: one training step of each network (or one PPO update), timed like a kernel (median and
/// spread after warm-up) on each device and thread count. Each workload mirrors a libtorch peer script where there is one.</summary>
public static class ModelSteps
{
    /// <summary>A model's step on a device: <see cref="Step"/> runs one, <see cref="Dispose"/> frees its tensors.</summary>
    private sealed class Prepared(Action step, params IDisposable[] owned) : IDisposable
    {
        public Action Step { get; } = step;

        public void Dispose()
        {
            foreach (var o in owned) o.Dispose();
        }
    }

    /// <param name="Key">Short name, as the peers' JSON names it.</param>
    /// <param name="Prepare">Builds the model, data and optimizer on a device.</param>
    private sealed record Workload(string Key, string Description, Func<Device, Prepared> Prepare);

    /// <summary>benchmarks/lm/torch_lstm_step.py's sizes: sequence 64, batch 32, input and hidden 256.</summary>
    private const int LstmSteps = 64, LstmBatch = 32, LstmSize = 256;

    /// <summary>nanoGPT's tiny-shakespeare CPU configuration (characters as tokens) and its batch of 12.</summary>
    private static readonly TransformerConfig Transformer = new(VocabSize: 65, ContextLength: 64);
    private const int TransformerBatch = 12;

    /// <summary>A PPO mini-batch on CartPole-sized policies, as `grimoire rl train ppo` runs it.</summary>
    private const int PpoBatch = 256, Observations = 4, Actions = 2, Hidden = 64;

    private static IEnumerable<Workload> Workloads()
    {
        foreach (var model in TrainingStepModel.Classifiers) yield return new(model.Key, model.Name, device => Classifier(model, device));
        yield return new("lstm", $"lstm {LstmSize}-{LstmSize}, sequence {LstmSteps}, batch {LstmBatch}: forward and backward of sum(output·w), no optimizer (as benchmarks/lm/torch_lstm_step.py)", Lstm);
        yield return new("transformer", $"decoder-only transformer (nanoGPT's CPU shape: {Transformer.Layers} layers, {Transformer.Heads} heads, width {Transformer.Dim}, context {Transformer.ContextLength}, vocabulary {Transformer.VocabSize}), batch {TransformerBatch}, cross-entropy over every position, AdamW", TransformerStep);
        yield return new("ppo", $"ppo update: one mini-batch of {PpoBatch}, actor and critic {Observations}-{Hidden}-{Hidden} tanh MLPs, clipped surrogate + 0.5·value MSE, gradient norm clipped to 0.5, Adam", Ppo);
    }

    /// <summary>One row per model and thread count (host) or per model (GPU); a step that fails is left out and named in <paramref name="notes"/>.</summary>
    public static IEnumerable<ModelRow> Run(Device device, ReportOptions options, List<string> notes, Action<string> progress)
    {
        foreach (var w in Workloads())
        {
            foreach (var threads in device.IsCpu ? options.Threads.Select(t => (int?)t) : [null])
            {
                progress($"{device} {w.Key} step{(threads is { } t ? $" threads={t}" : "")}");
                Timing? timing = null;
                try
                {
                    timing = KernelTiming.WithThreads(threads ?? Environment.ProcessorCount, () =>
                    {
                        using var prepared = w.Prepare(device);
                        return ReportDevices.Measure(device, prepared.Step, options.StepWarmup, options.StepRuns, warmups: 5);
                    });
                }
                catch (Exception e) when (e is GrimoireException or ArgumentException or InvalidOperationException)
                {
                    notes.Add($"{w.Key} step on {device} failed, not reported: {e.Message}");
                }
                if (timing is null) continue;
                var ms = new Timing(timing.Samples.Select(s => s * 1e3));
                yield return new ModelRow(w.Key, w.Description, device.Backend, "grimoire", threads, ms, ms.Median, null);
            }
        }
    }

    private static Prepared Classifier(TrainingStepModel definition, Device device)
    {
        var rng = new Rng(0);
        var x = Tensor.RandN(definition.Input, rng: rng).To(device);
        var y = definition.Labels().To(device);
        var model = definition.Build(rng);
        model.To(device);
        var optimizer = definition.Optimizer(model);
        return new Prepared(() =>
        {
            using var scope = new TensorScope();
            var loss = Losses.CrossEntropy(model.Forward(x), y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }, optimizer, model, x, y);
    }

    private static Prepared Lstm(Device device)
    {
        var rng = new Rng(0);
        var lstm = new LSTM(LstmSize, LstmSize, rng: rng);
        lstm.To(device);
        var x = Tensor.RandN(new Shape(LstmSteps, LstmBatch, LstmSize), rng: rng).To(device);
        var w = Tensor.RandN(new Shape(LstmSteps, LstmBatch, LstmSize), rng: rng).To(device);
        return new Prepared(() =>
        {
            using var scope = new TensorScope();
            lstm.ZeroGrad();
            (lstm.Forward(x).Output * w).Sum().Backward();
        }, lstm, x, w);
    }

    private static Prepared TransformerStep(Device device)
    {
        var rng = new Rng(0);
        var model = new DecoderOnlyTransformer(Transformer, rng);
        model.To(device);
        var optimizer = new AdamW(model.Parameters(), 6e-4);
        var tokens = TransformerBatch * Transformer.ContextLength;
        int[] Ids(int seed) => [.. Enumerable.Range(0, tokens).Select(i => (int)((i * 7919L + seed) % Transformer.VocabSize))];
        var ids = Tensor.FromArray(Ids(0), new Shape(TransformerBatch, Transformer.ContextLength)).To(device);
        var targets = Tensor.FromArray(Ids(1)).To(device);
        return new Prepared(() =>
        {
            using var scope = new TensorScope();
            var loss = Losses.CrossEntropy(model.Forward(ids).Reshape(tokens, Transformer.VocabSize), targets);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }, optimizer, model, ids, targets);
    }

    private static Prepared Ppo(Device device)
    {
        var rng = new Rng(0);
        Sequential Mlp(int outputs) => new(new Linear(Observations, Hidden, Activation.Tanh, rng), new Linear(Hidden, Hidden, Activation.Tanh, rng), new Linear(Hidden, outputs, Activation.None, rng));
        var (actor, critic) = (Mlp(Actions), Mlp(1));
        actor.To(device);
        critic.To(device);
        var optimizer = new Adam([.. actor.Parameters(), .. critic.Parameters()], 3e-4, epsilon: 1e-5);
        var observations = Tensor.RandN(new Shape(PpoBatch, Observations), rng: rng).To(device);
        var actions = Tensor.FromArray(Enumerable.Range(0, PpoBatch).Select(i => i % Actions).ToArray()).To(device);
        var oldLogProbs = Tensor.Full(new Shape(PpoBatch), Math.Log(1.0 / Actions)).To(device);
        var advantages = Tensor.RandN(new Shape(PpoBatch), rng: rng).To(device);
        var returns = Tensor.RandN(new Shape(PpoBatch, 1), rng: rng).To(device);
        return new Prepared(() =>
        {
            using var scope = new TensorScope();
            var logProbs = actor.Forward(observations).CategoricalLogProb(actions);
            var surrogate = PpoObjective.ClippedSurrogate(logProbs, oldLogProbs, advantages, 0.2);
            var loss = -surrogate + critic.Forward(observations).Mse(returns) * 0.5;
            optimizer.ZeroGrad();
            loss.Backward();
            GradientClipping.ClipByGlobalNorm(optimizer.Parameters, 0.5);
            optimizer.Step();
        }, optimizer, actor, critic, observations, actions, oldLogProbs, advantages, returns);
    }
}
