namespace Grimoire.Autograd;

/// <summary>One recorded op on the tape: its inputs and the rule that maps the output's gradient to theirs.
/// Rules are written with ops, so every backend gets backward for free.</summary>
internal sealed class GradNode(string op, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
{
    public string Op { get; } = op;

    public Tensor[] Inputs { get; } = inputs;

    /// <summary>Gradients for each input (null where an input needs none).</summary>
    public Func<Tensor, Tensor?[]> Backward { get; } = backward;
}
