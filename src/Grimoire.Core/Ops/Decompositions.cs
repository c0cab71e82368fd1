using Grimoire.Autograd;
using Grimoire.Kernels;

namespace Grimoire.Ops;

/// <summary>An op's result written with primitive ops, from the operands and attributes its kernels receive (so the same
/// contract holds); the result has the output's elements in row-major order.</summary>
internal delegate Tensor Decomposition(ReadOnlySpan<Tensor> inputs, object? attributes);

/// <summary>The ops that declare a decomposition into primitives. Dispatch runs it when a device has no usable kernel
/// for the op and dtype (and none is forced), instead of failing: a backend then needs kernels only for the primitives.</summary>
internal static class Decompositions
{
    private static readonly Dictionary<string, Decomposition> s_byOp = new()
    {
        [OpNames.Linear] = FusedDecompositions.Linear,
        [OpNames.Softmax] = FusedDecompositions.Softmax,
        [OpNames.LogSoftmax] = FusedDecompositions.LogSoftmax,
        [OpNames.CrossEntropy] = FusedDecompositions.CrossEntropy,
        [OpNames.Mse] = FusedDecompositions.Mse,
        [OpNames.LayerNorm] = FusedDecompositions.LayerNorm,
        [OpNames.NormalLogProb] = FusedDecompositions.NormalLogProb,
        [OpNames.CategoricalLogProb] = FusedDecompositions.CategoricalLogProb,
        [OpNames.AdamUpdate] = FusedDecompositions.AdamUpdate,
        [OpNames.Conv2d] = ConvDecompositions.Conv2d,
        [OpNames.Conv2dBackwardInput] = ConvDecompositions.Conv2dBackwardInput,
        [OpNames.Conv2dBackwardWeight] = ConvDecompositions.Conv2dBackwardWeight,
        [OpNames.LstmCell] = RecurrentDecompositions.LstmCell,
        [OpNames.LstmCellBackward] = RecurrentDecompositions.LstmCellBackward,
        [OpNames.GruCell] = RecurrentDecompositions.GruCell,
        [OpNames.GruCellBackward] = RecurrentDecompositions.GruCellBackward,
        [OpNames.Attention] = AttentionDecompositions.Attention,
        [OpNames.AttentionBackward] = AttentionDecompositions.AttentionBackward,
        [OpNames.GeluBackward] = AttentionDecompositions.GeluBackward,
    };

    public static bool Has(string op) => s_byOp.ContainsKey(op);

    /// <summary>A kernel body running <paramref name="op"/>'s decomposition, or null when it declares none.</summary>
    public static KernelBody? Body(string op) =>
        s_byOp.TryGetValue(op, out var decomposition) ? (inputs, output, attributes) => Run(decomposition, inputs, output, attributes) : null;

    private static void Run(Decomposition decomposition, ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        if (output.Size == 0) return;
        // The op records its own gradient rule; its parts must not, and their temporaries end with the call.
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var result = decomposition(inputs, attributes);
        (result.Shape == output.Shape ? result : result.Reshape(output.Shape.ToArray())).CopyTo(output);
    }
}
