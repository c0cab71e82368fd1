namespace Grimoire.Nn.Layers;

/// <summary>A stack of recurrent layers over a sequence (book §31.2–31.3) with PyTorch's conventions, so weights map one to one
/// to <c>torch.nn.RNN</c>, <c>LSTM</c> and <c>GRU</c>: per layer k the parameters <c>weight_ih_lk</c> [gates·hidden, in],
/// <c>weight_hh_lk</c> [gates·hidden, hidden], <c>bias_ih_lk</c> and <c>bias_hh_lk</c> [gates·hidden], all drawn from
/// U(−1/√hidden, 1/√hidden); input [T, batch, in] (or [batch, T, in] when batch-first); output every step's top-layer h
/// [T, batch, hidden] (or batch-first) and the final state of every layer.</summary>
public abstract class RecurrentLayer : Module<(Tensor Input, RecurrentState? State), (Tensor Output, RecurrentState State)>
{
    private readonly Parameter[][] _layers;

    /// <exception cref="ArgumentOutOfRangeException">a size or layer count below 1.</exception>
    /// <exception cref="DTypeException">a dtype that is not floating.</exception>
    private protected RecurrentLayer(string kind, int gates, int inputSize, int hiddenSize, int numLayers, bool bias, bool batchFirst, Rng? rng, DType dtype)
    {
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"{kind}: the input size must be at least 1");
        if (hiddenSize < 1) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, $"{kind}: the hidden size must be at least 1");
        if (numLayers < 1) throw new ArgumentOutOfRangeException(nameof(numLayers), numLayers, $"{kind}: the number of layers must be at least 1");
        if ((long)gates * hiddenSize * Math.Max(inputSize, hiddenSize) > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, $"{kind}: the weights would exceed {int.MaxValue} elements");
        if (!dtype.IsFloating()) throw new DTypeException($"{kind}: weights must be floating, not {dtype.Name()}");
        (Kind, Gates, InputSize, HiddenSize, NumLayers, HasBias, BatchFirst) = (kind, gates, inputSize, hiddenSize, numLayers, bias, batchFirst);
        var bound = 1 / Math.Sqrt(hiddenSize);
        Parameter Draw(string name, params int[] shape) => new(name, Tensor.RandU(new Shape(shape), -bound, bound, rng, dtype));
        _layers = [.. Enumerable.Range(0, numLayers).Select(k => (Parameter[])[
            Draw($"weight_ih_l{k}", gates * hiddenSize, k == 0 ? inputSize : hiddenSize),
            Draw($"weight_hh_l{k}", gates * hiddenSize, hiddenSize),
            .. bias ? [Draw($"bias_ih_l{k}", gates * hiddenSize), Draw($"bias_hh_l{k}", gates * hiddenSize)] : Array.Empty<Parameter>()])];
    }

    /// <summary>"rnn", "lstm" or "gru", for messages.</summary>
    public string Kind { get; }

    /// <summary>Gate blocks per layer: 1, 4 or 3.</summary>
    public int Gates { get; }

    /// <summary>Features per step of the input.</summary>
    public int InputSize { get; }

    /// <summary>Units per layer.</summary>
    public int HiddenSize { get; }

    /// <summary>Stacked layers; each takes the one below's output sequence.</summary>
    public int NumLayers { get; }

    /// <summary>Whether the layers have bias_ih and bias_hh.</summary>
    public bool HasBias { get; }

    /// <summary>Input and output are [batch, T, features] instead of [T, batch, features].</summary>
    public bool BatchFirst { get; }

    /// <summary>How the steps run (<see cref="RecurrentMode.Fused"/> unless set); every mode computes the same.</summary>
    public RecurrentMode Mode { get; set; } = RecurrentMode.Fused;

    /// <summary>W_ih of layer <paramref name="k"/>, [gates·hidden, in].</summary>
    public Parameter WeightIh(int k) => _layers[k][0];

    /// <summary>W_hh of layer <paramref name="k"/>, [gates·hidden, hidden].</summary>
    public Parameter WeightHh(int k) => _layers[k][1];

    /// <summary>b_ih of layer <paramref name="k"/>, [gates·hidden], or null without bias.</summary>
    public Parameter? BiasIh(int k) => HasBias ? _layers[k][2] : null;

    /// <summary>b_hh of layer <paramref name="k"/>, [gates·hidden], or null without bias.</summary>
    public Parameter? BiasHh(int k) => HasBias ? _layers[k][3] : null;

    /// <inheritdoc/>
    protected override IEnumerable<Parameter> OwnParameters => _layers.SelectMany(p => p);

    /// <inheritdoc/>
    public override (Tensor Output, RecurrentState State) Forward((Tensor Input, RecurrentState? State) input) => Forward(input.Input, input.State);

    /// <summary>Runs the stack over <paramref name="input"/> from <paramref name="state"/> (zeros when null).</summary>
    /// <exception cref="ShapeException">the input is not [T, batch, in] (or batch-first), is empty, or the state does not fit it.</exception>
    /// <exception cref="DTypeException">the input's dtype differs from the weights'.</exception>
    public (Tensor Output, RecurrentState State) Forward(Tensor input, RecurrentState? state = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var order = BatchFirst ? "[batch, steps, features]" : "[steps, batch, features]";
        if (input.Rank != 3 || input.Shape[2] != InputSize)
            throw new ShapeException($"{Kind}: the input must be {order} with {InputSize} features, got {input.Shape}");
        if (input.DType != WeightIh(0).Value.DType)
            throw new DTypeException($"{Kind}: the input is {input.DType.Name()} but the weights are {WeightIh(0).Value.DType.Name()}");
        var x = BatchFirst ? input.Transpose(0, 1) : input;
        var (steps, batch) = (x.Shape[0], x.Shape[1]);
        if (steps == 0 || batch == 0) throw new ShapeException($"{Kind}: the input {input.Shape} has no steps or no batch rows");
        var expected = new Shape(NumLayers, batch, HiddenSize);
        CheckState(state?.H, "h", expected);
        if (Gates == 4) CheckState(state?.C, "c", expected);
        else if (state?.C is not null) throw new ShapeException($"{Kind}: a {Kind} state has no cell state c, but one was given");

        var (finalH, finalC) = (new Tensor[NumLayers], new Tensor[NumLayers]);
        for (var k = 0; k < NumLayers; k++)
        {
            var h0 = state is null ? Tensor.Zeros(new Shape(batch, HiddenSize), x.DType, x.Device) : Layer(state.H, k);
            var c0 = Gates != 4 ? null : state is null ? Tensor.Zeros(new Shape(batch, HiddenSize), x.DType, x.Device) : Layer(state.C!, k);
            (x, finalH[k], var c) = Mode == RecurrentMode.Fused ? RunFused(k, x, h0, c0) : RunSteps(k, x, h0, c0);
            if (c is not null) finalC[k] = c;
        }
        var output = BatchFirst ? x.Transpose(0, 1) : x;
        return (output, new RecurrentState(Stack(finalH), Gates == 4 ? Stack(finalC) : null));
    }

    /// <summary>Layer <paramref name="k"/> over the whole sequence as one graph node: the input projection of every step in one GEMM,
    /// then the fused recurrence. Returns the output sequence and the final h (and c).</summary>
    private protected abstract (Tensor Output, Tensor H, Tensor? C) RunFused(int k, Tensor x, Tensor h0, Tensor? c0);

    /// <summary>One step of layer <paramref name="k"/> through the tape, with fused cell ops or primitives (<see cref="Mode"/>).</summary>
    private protected abstract (Tensor H, Tensor? C) Step(int k, Tensor x, Tensor h, Tensor? c);

    /// <summary>x·W_ihᵀ + b for every step at once: [T, batch, gates·hidden].</summary>
    private protected Tensor InputProjection(int k, Tensor x, Tensor? bias) => x.Linear(WeightIh(k).Value.Transpose(), bias);

    /// <summary>h·W_hhᵀ + b_hh for one step.</summary>
    private protected Tensor HiddenProjection(int k, Tensor h) => h.Linear(WeightHh(k).Value.Transpose(), BiasHh(k)?.Value);

    /// <summary>x·W_ihᵀ + b_ih for one step.</summary>
    private protected Tensor StepInputProjection(int k, Tensor x) => x.Linear(WeightIh(k).Value.Transpose(), BiasIh(k)?.Value);

    private (Tensor Output, Tensor H, Tensor? C) RunSteps(int k, Tensor x, Tensor h, Tensor? c)
    {
        var outputs = new Tensor[x.Shape[0]];
        for (var t = 0; t < outputs.Length; t++)
        {
            (h, c) = Step(k, Layer(x, t), h, c);
            outputs[t] = h;
        }
        return (Stack(outputs), h, c);
    }

    private void CheckState(Tensor? t, string name, Shape expected)
    {
        if (t is not null && t.Shape != expected)
            throw new ShapeException($"{Kind}: the state's {name} must be [layers, batch, hidden] = {expected}, got {t.Shape}");
    }

    /// <summary>Entry <paramref name="k"/> of the leading axis, as a view in the graph.</summary>
    private protected static Tensor Layer(Tensor t, int k) => t.Slice(0, k, k + 1).Squeeze(0);

    private static Tensor Stack(Tensor[] parts) => Tensor.Concat([.. parts.Select(p => p.Unsqueeze(0))], 0);
}
