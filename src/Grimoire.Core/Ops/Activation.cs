using Grimoire.Ops;

namespace Grimoire;

/// <summary>The activations a fused dense layer (<see cref="Tensor.Linear"/>) applies in its matmul epilogue.
/// The values are those of native/include/grimblas.h, which takes them unchanged.</summary>
public enum Activation
{
    /// <summary>No activation: the epilogue writes A·W + bias.</summary>
    None = 0,

    /// <summary>max(x, 0).</summary>
    Relu = 1,

    /// <summary>1 / (1 + e^(−x)).</summary>
    Sigmoid = 2,

    /// <summary>tanh(x).</summary>
    Tanh = 3,
}

/// <summary>Maps an <see cref="Activation"/> to its op.</summary>
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
