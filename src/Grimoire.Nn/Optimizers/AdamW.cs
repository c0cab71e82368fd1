namespace Grimoire.Nn.Optimizers;

/// <summary>Adam with decoupled weight decay (Loshchilov &amp; Hutter): θ ← θ·(1 − ηλ) before the Adam step, so every
/// weight shrinks at the same rate whatever its gradient history, unlike L2 decay fed through Adam's scaling.
/// <paramref name="decays"/> picks the parameters that decay (all when null), as PyTorch's parameter groups with and
/// without weight decay; <see cref="MatricesOnly"/> is GPT-2's and nanoGPT's choice.</summary>
public sealed class AdamW(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double epsilon = 1e-8, double weightDecay = 0.01, Func<Parameter, bool>? decays = null)
    : Adam(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupled: true, decays)
{
    /// <summary>Decay weights and embeddings (rank ≥ 2), not biases and norm gains (rank 1), as nanoGPT's
    /// <c>configure_optimizers</c>.</summary>
    public static bool MatricesOnly(Parameter parameter) => parameter.Shape.Rank >= 2;
}
