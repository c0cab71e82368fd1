namespace Grimoire.Nn;

/// <summary>A module whose forward maps any input to any output: a record or tuple of tensors (inputs with a mask),
/// a state carried between calls (a recurrent cell's hidden state, passed in and returned), or several heads (an
/// actor-critic's policy logits and value). Parameters, buffers, children and mode come from <see cref="ModuleBase"/>.</summary>
public abstract class Module<TIn, TOut> : ModuleBase
{
    /// <summary>Runs the module on <paramref name="input"/>; the result records its history when gradients are on
    /// (see <see cref="Autograd.GradMode"/>). The caller owns the result.</summary>
    public abstract TOut Forward(TIn input);
}

/// <summary>The common case, one tensor in and one out: every layer in Grimoire.Nn.Layers, and what
/// <see cref="Layers.Sequential"/> chains.</summary>
public abstract class Module : Module<Tensor, Tensor>;
