using Grimoire.Autograd;
using Grimoire.Nn.Optimizers;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Policies;
using Grimoire.Rl.Rollouts;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>The natural policy gradient's update: GAE over the rollout (advantages standardised), one natural step of the
/// policy (<see cref="NaturalGradient.Step"/>) checked by a backtracking line search (the surrogate must improve and the
/// mean KL stay within δ, else the step shrinks; if no shrink passes, the policy stays), then the value network fitted
/// to the GAE returns by Adam over mini-batches.</summary>
internal sealed class NaturalGradientRun(string algorithm, RlTrainRequest request, long totalSteps, NaturalGradientSettings settings, PolicyModel model)
    : RolloutRun(algorithm, request, totalSteps, settings, model, new Adam(model.Value!.Parameters(), settings.LearningRate), settings.Rollout)
{
    /// <summary>The mean KL of the last accepted step (0 when the line search refused every shrink).</summary>
    public double LastKl { get; private set; }

    protected override void Learn()
    {
        Buffer.ComputeAdvantages(settings.Gamma, settings.GaeLambda);
        var advantages = (float[])Buffer.Advantages.Clone();
        ReturnEstimates.Standardize(advantages);
        using (var scope = new TensorScope())
        {
            var x = Tensor.FromArray(Buffer.Observations, new Shape(Buffer.Count, Buffer.ObservationSize));
            var actions = Model.Policy.ActionTensor(Buffer.Actions, Buffer.Count);
            var a = Tensor.FromArray(advantages);
            var step = NaturalGradient.Step(Model.Policy, x, actions, a, settings.MaxKl, settings.Damping, settings.CgIterations);
            LastKl = LineSearch(x, actions, a, step);
        }
        FitValue();
    }

    /// <summary>Moves the policy by the step, shrunk until the surrogate improves and the KL stays within δ (TRPO); the
    /// mean KL of the step kept, or 0 when the policy stays where it was.</summary>
    private double LineSearch(Tensor x, Tensor actions, Tensor advantages, NaturalStep step)
    {
        var parameters = Model.Policy.Parameters();
        var start = ParameterVector.Get(parameters);
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var old = Model.Policy.Forward(x);
        var oldLogProbs = old.LogProb(actions);
        var before = NaturalGradient.Surrogate(Model.Policy, x, actions, oldLogProbs, advantages).Item();
        var candidate = new double[start.Length];
        var fraction = 1.0;
        for (var k = 0; k <= settings.LineSearchSteps; k++, fraction *= settings.LineSearchShrink)
        {
            for (var i = 0; i < start.Length; i++) candidate[i] = start[i] + fraction * step.Step[i];
            ParameterVector.Set(parameters, candidate);
            if (settings.LineSearchSteps == 0) return Model.Policy.Forward(x).MeanKl(old).Item();
            using var trial = new TensorScope();
            var kl = Model.Policy.Forward(x).MeanKl(old).Item();
            var improvement = NaturalGradient.Surrogate(Model.Policy, x, actions, oldLogProbs, advantages).Item() - before;
            if (kl <= settings.MaxKl && improvement > 0) return kl;
        }
        ParameterVector.Set(parameters, start);
        return 0;
    }

    private void FitValue()
    {
        var order = Enumerable.Range(0, Buffer.Count).ToArray();
        var batch = Math.Min(settings.Batch, Buffer.Count);
        for (var epoch = 0; epoch < settings.ValueEpochs; epoch++)
        {
            Sampling.Shuffle(order.AsSpan());
            for (var start = 0; start < order.Length; start += batch)
            {
                var (observations, _, _, _, returns) = Gather(order.AsSpan(start, Math.Min(batch, order.Length - start)));
                using var scope = new TensorScope();
                var loss = Model.Value!.Forward(Tensor.FromArray(observations, new Shape(returns.Length, Buffer.ObservationSize))).Mse(Tensor.FromArray(returns));
                Optimizer.ZeroGrad();
                loss.Backward();
                Optimizer.Step();
            }
        }
    }
}
