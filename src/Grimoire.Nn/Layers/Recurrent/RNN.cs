namespace Grimoire.Nn.Layers;

/// <summary>Elman recurrent layers with tanh (book §31.2), PyTorch's <c>torch.nn.RNN</c> (nonlinearity tanh):
/// h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh). See <see cref="RecurrentLayer"/> for shapes and parameters; the state carries h only.</summary>
/// <param name="inputSize">Features per input step.</param>
/// <param name="hiddenSize">Units per layer.</param>
/// <param name="numLayers">Stacked layers.</param>
/// <param name="bias">Whether the layers have bias_ih and bias_hh.</param>
/// <param name="batchFirst">Input and output [batch, T, features].</param>
/// <param name="rng">Draws the weights; <see cref="Rng.Default"/> when null.</param>
/// <param name="dtype">Element type of the weights.</param>
public sealed class RNN(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, Rng? rng = null, DType dtype = DType.Float32)
    : RecurrentLayer("rnn", 1, inputSize, hiddenSize, numLayers, bias, batchFirst, rng, dtype)
{
    private protected override (Tensor Output, Tensor H, Tensor? C) RunFused(int k, Tensor x, Tensor h0, Tensor? c0)
    {
        var bias = HasBias ? BiasIh(k)!.Value + BiasHh(k)!.Value : null;
        var output = Tensor.RnnTanhSequence(InputProjection(k, x, bias), WeightHh(k).Value, h0);
        return (output, Layer(output, output.Shape[0] - 1), null);
    }

    private protected override (Tensor H, Tensor? C) Step(int k, Tensor x, Tensor h, Tensor? c) =>
        ((StepInputProjection(k, x) + HiddenProjection(k, h)).Tanh(), null);
}
