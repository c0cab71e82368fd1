using Grimoire.Autograd;
using Grimoire.Nn;

namespace Grimoire.Rl.ValueBased;

/// <summary>
/// The target network's slow update (book §28.2): θ̂ ← τ·θ + (1 − τ)·θ̂ for every parameter, with τ the weight of the
/// <em>online</em> network θ. The book writes θ̂ ← (1 − κ)θ + κθ̂, so its κ is 1 − τ (κ near 1, τ near 0: a slow
/// target); τ = 1 copies the online network (the periodic hard update of the original DQN). Runs without recording.
/// </summary>
public static class Polyak
{
    /// <summary>Moves <paramref name="target"/>'s parameters towards <paramref name="online"/>'s, which must match by name and shape.</summary>
    /// <exception cref="ArgumentOutOfRangeException">τ outside (0, 1].</exception>
    /// <exception cref="ArgumentException">the networks' parameters differ in name or shape.</exception>
    public static void Update(ModuleBase target, ModuleBase online, double tau)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(online);
        if (!(tau is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau, the online network's weight, must lie in (0, 1]");
        var pairs = target.NamedParameters().Zip(online.NamedParameters()).ToList();
        if (pairs.Count != online.NamedParameters().Count() || pairs.Count != target.NamedParameters().Count()
            || pairs.Any(p => p.First.Name != p.Second.Name || p.First.Parameter.Shape != p.Second.Parameter.Shape))
            throw new ArgumentException("the target and online networks must have the same parameters (names and shapes)");
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        foreach (var ((_, t), (_, o)) in pairs)
        {
            if (tau == 1) o.Value.CopyTo(t.Value);
            else (o.Value * tau + t.Value * (1 - tau)).CopyTo(t.Value);
        }
    }
}
