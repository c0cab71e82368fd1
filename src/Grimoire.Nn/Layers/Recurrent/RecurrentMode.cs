namespace Grimoire.Nn.Layers;

/// <summary>How a recurrent layer runs its steps. All three compute the same function and gradients (the tests check it);
/// they differ in speed and in what the autograd graph holds.</summary>
public enum RecurrentMode
{
    /// <summary>One GEMM for every step's input projection, then one graph node per layer (<see cref="Tensor.LstmSequence"/>,
    /// <see cref="Tensor.GruSequence"/>, <see cref="Tensor.RnnTanhSequence"/>): a recurrent GEMM and a fused cell per step,
    /// BPTT with the fused backward cells and one GEMM for ∂W_hh. The default, and the fastest.</summary>
    Fused,

    /// <summary>Per step through the tape with the fused cell ops (<see cref="Tensor.LstmCell"/>, <see cref="Tensor.GruCell"/>);
    /// the RNN's cell is already two primitives, so it runs as <see cref="Composed"/>.</summary>
    FusedCells,

    /// <summary>Per step through the tape with primitive ops only (linear, sigmoid, tanh, mul, add): the plain reference.</summary>
    Composed,
}
