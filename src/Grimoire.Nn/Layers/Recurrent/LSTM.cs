namespace Grimoire.Nn.Layers;

/// <summary>Long short-term memory layers (book §31.3), PyTorch's <c>torch.nn.LSTM</c>: gates i, f, g, o in that order along
/// the weights' rows, c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c'). See <see cref="RecurrentLayer"/> for shapes and
/// parameters; the state carries h and c.</summary>
/// <param name="inputSize">Features per input step.</param>
/// <param name="hiddenSize">Units per layer.</param>
/// <param name="numLayers">Stacked layers.</param>
/// <param name="bias">Whether the layers have bias_ih and bias_hh.</param>
/// <param name="batchFirst">Input and output [batch, T, features].</param>
/// <param name="rng">Draws the weights; <see cref="Rng.Default"/> when null.</param>
/// <param name="dtype">Element type of the weights.</param>
public sealed class LSTM(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, Rng? rng = null, DType dtype = DType.Float32)
    : RecurrentLayer("lstm", 4, inputSize, hiddenSize, numLayers, bias, batchFirst, rng, dtype)
{
    private protected override (Tensor Output, Tensor H, Tensor? C) RunFused(int k, Tensor x, Tensor h0, Tensor? c0)
    {
        // Both biases enter every gate unchanged, so they are added once to the input projection.
        var bias = HasBias ? BiasIh(k)!.Value + BiasHh(k)!.Value : null;
        return Tensor.LstmSequence(InputProjection(k, x, bias), WeightHh(k).Value, h0, c0!);
    }

    private protected override (Tensor H, Tensor? C) Step(int k, Tensor x, Tensor h, Tensor? c)
    {
        var (inputGates, hiddenGates) = (StepInputProjection(k, x), HiddenProjection(k, h));
        return Mode == RecurrentMode.FusedCells ? Tensor.LstmCell(inputGates, hiddenGates, c!) : Tensor.LstmCellComposed(inputGates, hiddenGates, c!);
    }
}
