using Grimoire.Autograd;
using Grimoire.Rl.Policies;

namespace Grimoire.Rl.Rollouts;

/// <summary>Fills a <see cref="RolloutBuffer"/> by running a policy in a vectorised environment: one policy forward per
/// step for all copies, then, once the rollout is complete, one forward of the value network over every observation it
/// needs (the rollout's, the one after its last row, and the final observation of each truncated episode) and one of
/// the policy for the actions' log-probabilities: neither is needed to act, so batching them costs two calls instead of
/// two per step. Episodes carry on from one rollout to the next.</summary>
public sealed class RolloutCollector
{
    private readonly List<(int Row, float[] Observation)> _finals = [];

    /// <summary>Starts every copy of <paramref name="environments"/> (copy i with seed <paramref name="seed"/> + i).</summary>
    public RolloutCollector(FloatActionVectorEnvironment environments, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(environments);
        Environments = environments;
        Observations = environments.Reset(seed);
    }

    /// <summary>The copies stepped.</summary>
    public FloatActionVectorEnvironment Environments { get; }

    /// <summary>Each copy's current observation, [N, d] (set when a checkpoint restores the environments).</summary>
    public float[] Observations { get; private set; }

    /// <summary>Puts the copies back where a checkpoint left them, with their current observations.</summary>
    /// <exception cref="ArgumentException">observations of another size, or a snapshot that does not fit.</exception>
    public void Restore(Environments.VectorSnapshot snapshot, float[] observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Length != Observations.Length) throw new ArgumentException($"{observations.Length} observation floats for {Observations.Length}", nameof(observations));
        Environments.Restore(snapshot);
        Observations = [.. observations];
    }

    /// <summary>Runs <paramref name="model"/>'s policy, sampling from <paramref name="rng"/>, for the buffer's T steps.</summary>
    /// <exception cref="ArgumentException">a buffer or model shaped for other copies, observations or actions.</exception>
    public void Collect(PolicyModel model, RolloutBuffer buffer, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(buffer);
        var (copies, d, width) = (Environments.Count, Environments.ObservationSize, Environments.ActionWidth);
        if (buffer.Copies != copies || buffer.ObservationSize != d || buffer.ActionWidth != width || model.Policy.ObservationSize != d || model.Policy.ActionWidth != width)
            throw new ArgumentException($"a rollout of {copies} copies with {d} observation and {width} action floats does not fit a buffer of {buffer.Copies}, {buffer.ObservationSize} and {buffer.ActionWidth} or a policy of {model.Policy.ObservationSize} and {model.Policy.ActionWidth}");
        _finals.Clear();
        for (var t = 0; t < buffer.Steps; t++)
        {
            var row = t * copies;
            Observations.CopyTo(buffer.Observations, row * d);
            var actions = buffer.Actions.AsSpan(row * width, copies * width);
            model.Policy.Act(Observations, copies, rng, actions);
            var step = Environments.Step(actions);
            step.Rewards.CopyTo(buffer.Rewards, row);
            step.Terminated.CopyTo(buffer.Terminated, row);
            step.Truncated.CopyTo(buffer.Truncated, row);
            for (var i = 0; i < copies; i++)
                if (step.Truncated[i]) _finals.Add((row + i, step.FinalObservations[i]!));
            Observations = step.Observations;
        }
        Evaluate(model, buffer);
    }

    private void Evaluate(PolicyModel model, RolloutBuffer buffer)
    {
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var d = buffer.ObservationSize;
        var observations = Tensor.FromArray(buffer.Observations, new Shape(buffer.Count, d));
        model.Policy.Forward(observations).LogProb(model.Policy.ActionTensor(buffer.Actions, buffer.Count)).ToArray<float>().CopyTo(buffer.LogProbs, 0);
        if (model.Value is null)
        {
            Array.Clear(buffer.Values);
            Array.Clear(buffer.FinalValues);
            Array.Clear(buffer.LastValues);
            return;
        }
        var extra = buffer.Copies + _finals.Count;
        var all = new float[(buffer.Count + extra) * d];
        buffer.Observations.CopyTo(all, 0);
        Observations.CopyTo(all, buffer.Count * d);
        for (var f = 0; f < _finals.Count; f++) _finals[f].Observation.CopyTo(all, (buffer.Count + buffer.Copies + f) * d);
        var values = model.Value.Forward(Tensor.FromArray(all, new Shape(buffer.Count + extra, d))).ToArray<float>();
        values.AsSpan(0, buffer.Count).CopyTo(buffer.Values);
        values.AsSpan(buffer.Count, buffer.Copies).CopyTo(buffer.LastValues);
        for (var f = 0; f < _finals.Count; f++) buffer.FinalValues[_finals[f].Row] = values[buffer.Count + buffer.Copies + f];
    }
}
