namespace Grimoire.Autograd;

/// <summary>Records ops during eager execution.</summary>
internal static class Tape
{
    /// <summary>Attaches <paramref name="backward"/> to <paramref name="output"/> when recording is on and any
    /// input requires gradients; returns <paramref name="output"/>.</summary>
    public static Tensor Record(Tensor output, string op, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (!GradMode.IsEnabled) return output;
        foreach (var input in inputs)
        {
            if (input.RequiresGrad)
            {
                output.Node = new GradNode(op, inputs, backward);
                return output;
            }
        }
        return output;
    }

    /// <summary>The gradient rule's value for <paramref name="input"/>, computed only when it needs one.</summary>
    public static Tensor? For(Tensor input, Func<Tensor> rule) => input.RequiresGrad ? rule() : null;
}
