namespace Grimoire.Nn;

/// <summary>A trainable tensor with the name a module gives it. The tensor always requires gradients, so
/// <see cref="Tensor.Backward"/> leaves d(loss)/d(parameter) in <see cref="Grad"/> for an optimizer to read.
/// The parameter owns its tensor: create it outside any <see cref="TensorScope"/> that ends before training does.</summary>
public sealed class Parameter : IDisposable
{
    public Parameter(string name, Tensor value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!value.IsLeaf) throw new ArgumentException($"parameter '{name}' must be a leaf tensor, not the output of a recorded op", nameof(value));
        Name = name;
        Value = value;
        Value.RequiresGrad = true;
    }

    public string Name { get; }

    public Tensor Value { get; private set; }

    public Shape Shape => Value.Shape;

    public int Size => Value.Size;

    /// <summary>The accumulated gradient, null before the first backward pass or after <see cref="ZeroGrad"/>.</summary>
    public Tensor? Grad => Value.Grad;

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

    public void Dispose() => Value.Dispose();

    public override string ToString() => $"{Name} {Shape}";
}
