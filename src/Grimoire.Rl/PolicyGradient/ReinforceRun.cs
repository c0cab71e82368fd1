using Grimoire.Nn;
using Grimoire.Nn.Optimizers;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Environments;
using Grimoire.Rl.Policies;
using Grimoire.Rl.Rollouts;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>
/// REINFORCE's update on a batch of N whole episodes: the gradient estimate of book §26.1–26.2,
/// (1/N) Σᵢ Σₜ ∇log π(aₜ|sₜ)·(Gₜ − b(sₜ)) with the discounted return-to-go Gₜ (a truncated episode's last step
/// bootstraps from V(final observation) when there is a value network, and ends there when there is none) and b the
/// learned V(sₜ) (or 0 without a baseline), ascended by Adam (the book's θ ← θ + ∇J, with a learning rate); V is fitted
/// to Gₜ by mean squared error in the same step.
/// </summary>
internal sealed class ReinforceRun : TrainingRun
{
    private readonly ReinforceSettings _settings;
    private readonly EpisodeCollector _collector;

    public ReinforceRun(string algorithm, RlTrainRequest request, long totalSteps, ReinforceSettings settings, PolicyModel model)
        : base(algorithm, request, totalSteps, settings, model, new Adam(model.Parameters(), settings.LearningRate))
    {
        _settings = settings;
        _collector = new EpisodeCollector(request.Environment, Math.Min(request.Envs, settings.EpisodesPerUpdate), (ulong)request.Seed);
        TotalUpdates = (settings.MaxEpisodes + settings.EpisodesPerUpdate - 1) / settings.EpisodesPerUpdate;
    }

    public override int TotalUpdates { get; }

    protected override bool Finished => Steps >= TotalSteps;

    protected override IReadOnlyList<EpisodeRecord> Episodes => _collector.Episodes;

    protected override int ObservationSize => _collector.ObservationSize;

    protected override int Copies => _collector.Count;

    protected override void Update()
    {
        var episodes = Math.Min(_settings.EpisodesPerUpdate, _settings.MaxEpisodes - Updates * _settings.EpisodesPerUpdate);
        var buffer = _collector.Collect(Model, episodes, Sampling);
        Steps += buffer.Count;
        buffer.ComputeReturnToGo(_settings.Gamma);
        var weights = (float[])buffer.Advantages.Clone(); // G − V, or G when there is no value network
        if (_settings.Normalize) ReturnEstimates.Standardize(weights);
        using var scope = new TensorScope();
        var x = Tensor.FromArray(buffer.Observations, new Shape(buffer.Count, buffer.ObservationSize));
        var logProbs = Model.Policy.Forward(x).LogProb(Model.Policy.ActionTensor(buffer.Actions, buffer.Count));
        var loss = -(logProbs * Tensor.FromArray(weights)).Sum() / episodes;
        if (Model.Value is { } value) loss += value.Forward(x).Mse(Tensor.FromArray(buffer.Returns));
        Optimizer.ZeroGrad();
        loss.Backward();
        Optimizer.Step();
    }

    protected override (VectorSnapshot Snapshot, float[] Observations) EnvironmentState() => (_collector.Snapshot(), new float[Copies * ObservationSize]);

    protected override void RestoreEnvironments(VectorSnapshot snapshot, float[] observations) => _collector.Restore(snapshot);
}
