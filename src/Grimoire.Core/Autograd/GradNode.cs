namespace Grimoire.Autograd;

/// <summary>One recorded op on the tape: its inputs and the rule that maps the output's gradient to theirs.
/// Rules are written with ops, so every backend gets backward for free, and so are their own gradients.</summary>
internal sealed class GradNode(string op, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
{
    private static long s_recorded;
    private Func<Tensor, Tensor?[]>? _backward = backward;

    public string Op { get; } = op;

    /// <summary>Order of recording: a node always comes after the nodes of its inputs, so descending order is a
    /// topological order, and the one that finishes each gradient soonest after it starts.</summary>
    public long Sequence { get; } = Interlocked.Increment(ref s_recorded);

    public Tensor[] Inputs { get; } = inputs;

    /// <summary>Set once a backward pass without retainGraph has used the node: its rule (and the tensors the rule
    /// holds) is dropped, so a second pass through it is an error rather than a silent recomputation.</summary>
    public bool IsReleased => _backward is null;

    /// <summary>Gradients for each input (null where an input needs none).</summary>
    public Tensor?[] Backward(Tensor gradient) =>
        (_backward ?? throw new AutogradException($"backward through '{Op}' a second time: the first Backward released this graph; " +
            "pass retainGraph: true to the first Backward to run it again"))(gradient);

    public void Release() => _backward = null;
}
