namespace Grimoire.Nn;

/// <summary>A trainable tensor with the name a module gives it. The tensor always requires gradients, so
/// <see cref="Tensor.Backward"/> leaves d(loss)/d(parameter) in <see cref="Grad"/> for an optimizer to read.
/// The parameter owns its tensor: create it outside any <see cref="TensorScope"/> that ends before training does.</summary>
public sealed class Parameter : IDisposable
{
    /// <summary>Wraps <paramref name="value"/>, which becomes the parameter's (it must be a leaf; it is set to require gradients).</summary>
    /// <exception cref="ArgumentException">an empty or blank name, or a value computed by a recorded op.</exception>
    public Parameter(string name, Tensor value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!value.IsLeaf) throw new ArgumentException($"parameter '{name}' must be a leaf tensor, not the output of a recorded op", nameof(value));
        Name = name;
        Value = value;
        Value.RequiresGrad = true;
    }

    /// <summary>The name within its module ("weight", "bias"); <see cref="ModuleBase.NamedParameters"/> prefixes the children's path.</summary>
    public string Name { get; }

    /// <summary>The trainable tensor, owned by the parameter; replaced (and the old one disposed) by <see cref="MoveTo"/>.</summary>
    public Tensor Value { get; private set; }

    /// <summary>The value's shape.</summary>
    public Shape Shape => Value.Shape;

    /// <summary>The value's number of elements.</summary>
    public int Size => Value.Size;

    /// <summary>The accumulated gradient, null before the first backward pass or after <see cref="ZeroGrad"/>.</summary>
    public Tensor? Grad => Value.Grad;

    /// <summary>Drops the accumulated gradient (<see cref="Grad"/> becomes null).</summary>
    public void ZeroGrad() => Value.ZeroGrad();

    /// <summary>Moves the value to <paramref name="device"/> (a no-op when it is there), dropping any gradient.
    /// Optimizers hold parameters, not tensors, so build them after moving.</summary>
    public void MoveTo(Device device)
    {
        if (Value.Device == device) return;
        Tensor moved;
        using (Grimoire.Autograd.GradMode.NoGrad()) moved = Value.To(device); // a new leaf, not a recorded copy
        Value.Dispose();
        Value = moved;
        Value.RequiresGrad = true;
    }

    /// <summary>Disposes the value and its gradient.</summary>
    public void Dispose() => Value.Dispose();

    /// <summary>"name [shape]".</summary>
    public override string ToString() => $"{Name} {Shape}";
}
