using Grimoire.Nn.Optimizers;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Environments;
using Grimoire.Rl.Policies;
using Grimoire.Rl.Rollouts;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>A run that learns from fixed-length rollouts of a vectorised environment (PPO, the natural policy gradient):
/// each update collects T steps of every copy (about <c>rolloutSteps</c> in all), episodes carrying on across updates,
/// computes GAE, and learns. The buffer is allocated once.</summary>
internal abstract class RolloutRun : TrainingRun
{
    protected RolloutRun(string algorithm, RlTrainRequest request, long totalSteps, PolicyGradientSettings settings, PolicyModel model, Optimizer optimizer, int rolloutSteps)
        : base(algorithm, request, totalSteps, settings, model, optimizer)
    {
        var environments = FloatActionVectorEnvironment.Create(request.Environment, request.Envs);
        var copies = environments.Count;
        var perCopy = (int)Math.Max(1, Math.Min((rolloutSteps + copies - 1) / copies, totalSteps / copies));
        Collector = new RolloutCollector(environments, (ulong)request.Seed);
        Buffer = new RolloutBuffer(perCopy, copies, environments.ObservationSize, environments.ActionWidth);
        TotalUpdates = (int)Math.Max(1, Math.Min(int.MaxValue, totalSteps / Buffer.Count));
    }

    protected RolloutCollector Collector { get; }

    protected RolloutBuffer Buffer { get; }

    public override int TotalUpdates { get; }

    protected override IReadOnlyList<EpisodeRecord> Episodes => Collector.Environments.Episodes;

    protected override int ObservationSize => Buffer.ObservationSize;

    protected override int Copies => Buffer.Copies;

    protected override void Update()
    {
        Collector.Collect(Model, Buffer, Sampling);
        Steps += Buffer.Count;
        Learn();
    }

    /// <summary>Learns from the rollout in <see cref="Buffer"/>.</summary>
    protected abstract void Learn();

    protected override (VectorSnapshot Snapshot, float[] Observations) EnvironmentState() => (Collector.Environments.Snapshot(), Collector.Observations);

    protected override void RestoreEnvironments(VectorSnapshot snapshot, float[] observations) => Collector.Restore(snapshot, observations);

    /// <summary>The rows <paramref name="rows"/> of the buffer's arrays gathered into fresh arrays: observations, actions,
    /// old log-probabilities, advantages and value targets.</summary>
    protected (float[] Observations, float[] Actions, float[] LogProbs, float[] Advantages, float[] Returns) Gather(ReadOnlySpan<int> rows)
    {
        var (d, w) = (Buffer.ObservationSize, Buffer.ActionWidth);
        var (observations, actions) = (new float[rows.Length * d], new float[rows.Length * w]);
        var (logProbs, advantages, returns) = (new float[rows.Length], new float[rows.Length], new float[rows.Length]);
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            Buffer.Observations.AsSpan(r * d, d).CopyTo(observations.AsSpan(i * d));
            Buffer.Actions.AsSpan(r * w, w).CopyTo(actions.AsSpan(i * w));
            (logProbs[i], advantages[i], returns[i]) = (Buffer.LogProbs[r], Buffer.Advantages[r], Buffer.Returns[r]);
        }
        return (observations, actions, logProbs, advantages, returns);
    }
}
