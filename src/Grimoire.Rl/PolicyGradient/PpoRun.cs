using Grimoire.Nn;
using Grimoire.Nn.Optimizers;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Policies;
using Grimoire.Rl.Rollouts;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>PPO's update: GAE over the rollout, then <see cref="PpoSettings.Epochs"/> passes of shuffled mini-batches,
/// each minimising −L_clip + c_v·MSE(V, returns) − c_e·entropy with one Adam step after clipping the gradient norm,
/// advantages standardised per mini-batch; the passes stop early when the approximate KL passes 1.5 × target_kl.
/// Learning rate and clip range anneal linearly to 0 when asked.</summary>
internal sealed class PpoRun(string algorithm, RlTrainRequest request, long totalSteps, PpoSettings settings, PolicyModel model)
    : RolloutRun(algorithm, request, totalSteps, settings, model, new Adam(model.Parameters(), settings.LearningRate, epsilon: 1e-5), settings.Rollout)
{
    protected override void Learn()
    {
        Buffer.ComputeAdvantages(settings.Gamma, settings.GaeLambda);
        var remaining = settings.Anneal ? 1 - Progress : 1;
        Optimizer.LearningRate = settings.LearningRate * remaining;
        var clip = settings.Clip * remaining;
        var order = Enumerable.Range(0, Buffer.Count).ToArray();
        var batch = Math.Min(settings.Batch, Buffer.Count);
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            Sampling.Shuffle(order.AsSpan());
            for (var start = 0; start < order.Length; start += batch)
            {
                if (!Step(order.AsSpan(start, Math.Min(batch, order.Length - start)), clip)) return;
            }
        }
    }

    /// <summary>One Adam step on the mini-batch of rows <paramref name="rows"/>, unless the policy has already moved
    /// further than 1.5 × target_kl (approximate KL) from the one that collected the rollout: then no step, and false,
    /// which ends the update's epochs (Stable-Baselines3's rule).</summary>
    private bool Step(ReadOnlySpan<int> rows, double clip)
    {
        var (observations, actions, oldLogProbs, advantages, returns) = Gather(rows);
        ReturnEstimates.Standardize(advantages);
        using var scope = new TensorScope();
        var n = rows.Length;
        var x = Tensor.FromArray(observations, new Shape(n, Buffer.ObservationSize));
        var distribution = Model.Policy.Forward(x);
        var logProbs = distribution.LogProb(Model.Policy.ActionTensor(actions, n));
        var old = Tensor.FromArray(oldLogProbs);
        if (settings.TargetKl > 0 && PpoObjective.ApproximateKl(logProbs, old) > 1.5 * settings.TargetKl) return false;
        var surrogate = PpoObjective.ClippedSurrogate(logProbs, old, Tensor.FromArray(advantages), clip);
        var valueLoss = Model.Value!.Forward(x).Mse(Tensor.FromArray(returns));
        var loss = -surrogate + valueLoss * settings.ValueCoefficient;
        if (settings.EntropyCoefficient > 0) loss -= distribution.MeanEntropy() * settings.EntropyCoefficient;
        Optimizer.ZeroGrad();
        loss.Backward();
        GradientClipping.ClipByGlobalNorm(Model.Parameters(), settings.MaxGradNorm);
        Optimizer.Step();
        return true;
    }
}
