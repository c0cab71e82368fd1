namespace Grimoire.Nn.Layers;

/// <summary>A lookup table of <see cref="Dimension"/>-long vectors for token ids in [0, <see cref="Count"/>) (book §32.2):
/// int32 ids of any shape [...] give vectors [..., dimension], rows of the weight gathered by the engine's
/// <see cref="Tensor.Gather"/>, so the gradient is the scatter-add of the incoming rows (repeated ids add up). Weights
/// start as N(0, 1), as PyTorch's do.</summary>
public sealed class Embedding : Module
{
    /// <summary>A table of <paramref name="count"/> vectors of <paramref name="dimension"/> elements drawn from N(0, 1) with
    /// <paramref name="rng"/> (<see cref="Rng.Default"/> when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a count or dimension below 1.</exception>
    /// <exception cref="DTypeException">a dtype that is not floating.</exception>
    public Embedding(int count, int dimension, Rng? rng = null, DType dtype = DType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (!dtype.IsFloating()) throw new DTypeException($"embedding vectors must be floating, not {dtype.Name()}");
        (Count, Dimension) = (count, dimension);
        Weight = new Parameter("weight", Tensor.RandN(new Shape(count, dimension), rng: rng, dtype: dtype));
    }

    /// <summary>Number of ids the table holds vectors for.</summary>
    public int Count { get; }

    /// <summary>Elements per vector.</summary>
    public int Dimension { get; }

    /// <summary>[count, dimension], row i the vector of id i.</summary>
    public Parameter Weight { get; }

    /// <inheritdoc/>
    protected override IEnumerable<Parameter> OwnParameters => [Weight];

    /// <exception cref="DTypeException">ids that are not int32.</exception>
    /// <exception cref="ShapeException">an id outside [0, count).</exception>
    public override Tensor Forward(Tensor input)
    {
        if (input.DType != DType.Int32) throw new DTypeException($"embedding ids must be i32, got {input.DType.Name()}");
        var rows = Weight.Value.Gather(0, input.Reshape(-1));
        return rows.Reshape([.. input.Shape, Dimension]);
    }
}
