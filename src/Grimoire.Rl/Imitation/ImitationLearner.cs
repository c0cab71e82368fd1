using Grimoire.Nn.Optimizers;
using Grimoire.Rl.Environments;
using Grimoire.Rl.ValueBased;

namespace Grimoire.Rl.Imitation;

/// <summary>
/// Behaviour cloning's machinery (book §22, §24): a policy, Adam, the demonstrations 𝒟 and one generator for the
/// weights and batch order. <see cref="Collect"/> runs episodes, acted by the expert or by the policy, and adds every
/// state visited with the expert's label; <see cref="Fit"/> maximises the mean log π(a* | s*) over 𝒟 in shuffled
/// mini-batches. Episode n of a run is seeded as in <see cref="SeededEpisodes"/>, away from evaluation seeds.
/// </summary>
internal sealed class ImitationLearner : IDisposable
{
    private readonly ImitationSettings _settings;
    private readonly ImitationTask _task;
    private readonly int _seed;
    private readonly List<EpisodeRecord> _episodes = [];
    private long _started;

    public ImitationLearner(ImitationTask task, ImitationPolicy policy, ImitationSettings settings, Rng random, int seed)
    {
        (_task, Policy, _settings, Random, _seed) = (task, policy, settings, random, seed);
        Optimizer = new Adam(policy.Parameters(), settings.LearningRate);
        Data = new Demonstrations(task.ObservationSize, task.ActionSize);
    }

    public ImitationPolicy Policy { get; }

    public Adam Optimizer { get; }

    /// <summary>Drew the initial weights; draws the batch order.</summary>
    public Rng Random { get; }

    /// <summary>𝒟.</summary>
    public Demonstrations Data { get; }

    /// <summary>Episodes finished while collecting.</summary>
    public IReadOnlyList<EpisodeRecord> Episodes => _episodes;

    /// <summary>Runs fresh episodes until <paramref name="labels"/> states are labelled (the last episode may be cut
    /// short), acting with the expert or, for DAgger, with the policy.</summary>
    public void Collect(int labels, bool expertActs)
    {
        var taken = 0;
        while (taken < labels)
        {
            var observation = _task.Reset(SeededEpisodes.SeedOf(_seed, _started++));
            var (total, length) = (0.0, 0);
            while (taken < labels)
            {
                var label = _task.Label(observation);
                Data.Add(observation, label);
                taken++;
                var step = _task.Step(expertActs ? label : Policy.Act(observation));
                (total, length, observation) = (total + step.Reward, length + 1, step.Observation);
                if (!step.Done) continue;
                _episodes.Add(new EpisodeRecord(total, length, step.Truncated, 0));
                break;
            }
        }
    }

    /// <summary><see cref="ImitationSettings.Epochs"/> passes over 𝒟 minimising −mean log π(a* | s*).</summary>
    public void Fit()
    {
        var rows = Enumerable.Range(0, Data.Count).ToArray();
        for (var epoch = 0; epoch < _settings.Epochs; epoch++)
        {
            Random.Shuffle(rows.AsSpan());
            for (var start = 0; start < rows.Length; start += _settings.BatchSize)
            {
                using var scope = new TensorScope();
                var (observations, actions) = Data.Batch(rows.AsSpan(start, Math.Min(_settings.BatchSize, rows.Length - start)), Policy.DType);
                var loss = -Policy.LogLikelihood(observations, actions).Mean();
                Optimizer.ZeroGrad();
                loss.Backward();
                Optimizer.Step();
            }
        }
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Policy.Dispose();
    }
}
