using Grimoire.Autograd;

namespace Grimoire.Nn.Optimizers;

/// <summary>Rescales all gradients together when their joint L2 norm exceeds a bound, which caps the
/// step size after a loss spike without changing the step's direction.</summary>
public static class GradientClipping
{
    /// <summary>Scales every gradient by maxNorm / ‖g‖ when the global norm ‖g‖ is above <paramref name="maxNorm"/>;
    /// returns the norm before clipping. Parameters without a gradient are ignored.</summary>
    public static double ClipByGlobalNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        if (!(maxNorm > 0) || !double.IsFinite(maxNorm)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "max norm must be a positive finite number");
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToArray();
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var norm = Math.Sqrt(grads.Sum(g => (g * g).Sum().Item()));
        if (norm > maxNorm)
        {
            var scale = maxNorm / norm;
            foreach (var g in grads) (g * scale).CopyTo(g);
        }
        return norm;
    }
}
