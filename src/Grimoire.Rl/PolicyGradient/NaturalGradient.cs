using Grimoire.Autograd;
using Grimoire.Nn;
using Grimoire.Rl.Policies;

namespace Grimoire.Rl.PolicyGradient;

/// <summary>
/// The natural policy gradient of book §26.3 (Kakade 2001; the step of TRPO, Schulman et al. 2015): maximise the
/// surrogate L(θ) = mean(π_θ(a|s)/π_old(a|s)·A) subject to mean KL(π_old ‖ π_θ) ≤ δ. To second order the constraint is
/// ½ΔθᵀFΔθ ≤ δ with F the Fisher information, the Hessian of the mean KL at θ_old, so the step is
/// Δθ = √(2δ / xᵀFx)·x with x = F⁻¹g and g = ∇L. F is never formed: conjugate gradient needs only products F·v, which
/// double backward gives as ∇(∇KL · v) (Pearlmutter's trick), with damping λ added (F + λI) as TRPO does.
/// </summary>
public static class NaturalGradient
{
    /// <summary>(F + <paramref name="damping"/>·I)·v, with F the Hessian of mean KL(<paramref name="old"/> ‖ π_θ) over
    /// <paramref name="observations"/> at the policy's current parameters (which must be those <paramref name="old"/>
    /// was computed with, where the Hessian is the Fisher matrix).</summary>
    /// <exception cref="ArgumentException">a vector that is not one value per parameter element.</exception>
    public static double[] FisherVectorProduct(PolicyNetwork policy, Tensor observations, ActionDistribution old, ReadOnlySpan<double> vector, double damping)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var parameters = policy.Parameters();
        using var scope = new TensorScope();
        var v = ParameterVector.Split(parameters, vector);
        var values = parameters.Select(p => p.Value).ToArray();
        var kl = policy.Forward(observations).MeanKl(old);
        var gradients = Tensor.Gradients([kl], values, createGraph: true);
        Tensor? directional = null;
        for (var i = 0; i < values.Length; i++)
        {
            if (gradients[i] is not { } g) continue;
            var term = (g * v[i].To(g.DType)).Sum();
            directional = directional is null ? term : directional + term;
        }
        var product = directional is null ? new double[vector.Length] : ParameterVector.Flatten(parameters, Tensor.Gradients([directional], values));
        for (var i = 0; i < product.Length; i++) product[i] += damping * vector[i];
        return product;
    }

    /// <summary>The natural-gradient step for the surrogate at the policy's current parameters: g = ∇L, x ≈ (F + λI)⁻¹g
    /// by <paramref name="iterations"/> of conjugate gradient, and Δθ = √(2δ / xᵀ(F + λI)x)·x, which moves the
    /// quadratic model of the KL exactly to δ = <paramref name="maxKl"/>.</summary>
    /// <param name="policy">π_θ at θ_old.</param>
    /// <param name="observations">The batch's observations [n, d].</param>
    /// <param name="actions">The actions taken, as <see cref="PolicyNetwork.ActionTensor"/> makes them.</param>
    /// <param name="advantages">A, [n].</param>
    /// <param name="maxKl">δ &gt; 0.</param>
    /// <param name="damping">λ ≥ 0.</param>
    /// <param name="iterations">Conjugate-gradient iterations.</param>
    /// <exception cref="ArgumentOutOfRangeException">δ not positive, λ negative, or fewer than one iteration.</exception>
    public static NaturalStep Step(PolicyNetwork policy, Tensor observations, Tensor actions, Tensor advantages, double maxKl, double damping, int iterations)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!(maxKl > 0) || !double.IsFinite(maxKl)) throw new ArgumentOutOfRangeException(nameof(maxKl), maxKl, "the KL bound must be a positive finite number");
        if (!(damping >= 0) || !double.IsFinite(damping)) throw new ArgumentOutOfRangeException(nameof(damping), damping, "the damping must be a finite number >= 0");
        var parameters = policy.Parameters();
        using var scope = new TensorScope();
        ActionDistribution old;
        Tensor oldLogProbs;
        using (GradMode.NoGrad())
        {
            old = policy.Forward(observations).Detach();
            oldLogProbs = old.LogProb(actions);
        }
        var surrogate = Surrogate(policy, observations, actions, oldLogProbs, advantages);
        var gradient = ParameterVector.Flatten(parameters, Tensor.Gradients([surrogate], parameters.Select(p => p.Value).ToArray()));
        var x = ConjugateGradient.Solve(v => FisherVectorProduct(policy, observations, old, v, damping), gradient, iterations);
        var curvature = ConjugateGradient.Dot(x, FisherVectorProduct(policy, observations, old, x, damping));
        var scale = curvature > 0 ? Math.Sqrt(2 * maxKl / curvature) : 0;
        var step = x.Select(e => e * scale).ToArray();
        return new NaturalStep(gradient, step, ConjugateGradient.Dot(gradient, step));
    }

    /// <summary>The surrogate L(θ) = mean(exp(log π_θ(a|s) − log π_old(a|s))·A); its gradient at θ_old is the policy
    /// gradient mean(∇log π·A).</summary>
    public static Tensor Surrogate(PolicyNetwork policy, Tensor observations, Tensor actions, Tensor oldLogProbs, Tensor advantages)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return ((policy.Forward(observations).LogProb(actions) - oldLogProbs).Exp() * advantages).Mean();
    }
}

/// <summary>A natural-gradient step.</summary>
/// <param name="Gradient">g = ∇L at θ_old, flat.</param>
/// <param name="Step">Δθ, flat, in parameter order.</param>
/// <param name="ExpectedImprovement">g·Δθ, the first-order gain in L of the full step.</param>
public sealed record NaturalStep(double[] Gradient, double[] Step, double ExpectedImprovement);
