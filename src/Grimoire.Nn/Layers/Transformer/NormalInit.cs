using Grimoire.Autograd;

namespace Grimoire.Nn.Layers;

/// <summary>GPT-2's initialisation (as nanoGPT's <c>_init_weights</c>): weights redrawn from N(0, σ²) in place.</summary>
internal static class NormalInit
{
    /// <summary>The standard deviation GPT-2 draws every weight and embedding from.</summary>
    public const double Std = 0.02;

    /// <summary>Overwrites <paramref name="parameter"/> with draws from N(0, <paramref name="std"/>²).</summary>
    public static void Fill(Parameter parameter, double std, Rng? rng)
    {
        using var noGrad = GradMode.NoGrad();
        using var draw = Tensor.RandN(parameter.Shape, 0, std, rng, parameter.Value.DType, parameter.Value.Device);
        draw.CopyTo(parameter.Value);
    }
}
