namespace Grimoire.Nn.Optimizers;

/// <summary>Adam with decoupled weight decay (Loshchilov &amp; Hutter): θ ← θ·(1 − ηλ) before the Adam step, so every
/// weight shrinks at the same rate whatever its gradient history, unlike L2 decay fed through Adam's scaling.</summary>
public sealed class AdamW(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double epsilon = 1e-8, double weightDecay = 0.01)
    : Adam(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupled: true);
