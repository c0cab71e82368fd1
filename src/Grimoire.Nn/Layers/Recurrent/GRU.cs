namespace Grimoire.Nn.Layers;

/// <summary>Gated recurrent unit layers (book §31.3), PyTorch's <c>torch.nn.GRU</c>: gates r, z, n in that order along the
/// weights' rows, n = tanh(x_n + r·(h·W_hnᵀ + b_hn)), h' = (1 − z)·n + z·h. See <see cref="RecurrentLayer"/> for shapes and
/// parameters; the state carries h only.</summary>
/// <param name="inputSize">Features per input step.</param>
/// <param name="hiddenSize">Units per layer.</param>
/// <param name="numLayers">Stacked layers.</param>
/// <param name="bias">Whether the layers have bias_ih and bias_hh.</param>
/// <param name="batchFirst">Input and output [batch, T, features].</param>
/// <param name="rng">Draws the weights; <see cref="Rng.Default"/> when null.</param>
/// <param name="dtype">Element type of the weights.</param>
public sealed class GRU(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, Rng? rng = null, DType dtype = DType.Float32)
    : RecurrentLayer("gru", 3, inputSize, hiddenSize, numLayers, bias, batchFirst, rng, dtype)
{
    private protected override (Tensor Output, Tensor H, Tensor? C) RunFused(int k, Tensor x, Tensor h0, Tensor? c0)
    {
        // b_hh stays apart: r scales the hidden part of n, bias included.
        var output = Tensor.GruSequence(InputProjection(k, x, BiasIh(k)?.Value), WeightHh(k).Value, BiasHh(k)?.Value, h0);
        return (output, Layer(output, output.Shape[0] - 1), null);
    }

    private protected override (Tensor H, Tensor? C) Step(int k, Tensor x, Tensor h, Tensor? c)
    {
        var (inputGates, hiddenGates) = (StepInputProjection(k, x), HiddenProjection(k, h));
        return (Mode == RecurrentMode.FusedCells ? Tensor.GruCell(inputGates, hiddenGates, h) : Tensor.GruCellComposed(inputGates, hiddenGates, h), null);
    }
}
