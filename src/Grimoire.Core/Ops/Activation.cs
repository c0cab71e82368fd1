using Grimoire.Ops;

namespace Grimoire;

/// <summary>The activations a fused dense layer (<see cref="Tensor.Linear"/>) applies in its matmul epilogue.</summary>
public enum Activation
{
    None,
    Relu,
    Sigmoid,
    Tanh,
}

public static class ActivationExtensions
{
    /// <summary>The unary op the activation is, or null for <see cref="Activation.None"/>.</summary>
    public static string? OpName(this Activation activation) => activation switch
    {
        Activation.Relu => OpNames.Relu,
        Activation.Sigmoid => OpNames.Sigmoid,
        Activation.Tanh => OpNames.Tanh,
        Activation.None => null,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };
}
