namespace Grimoire.Nn.Layers;

/// <summary>How a transformer tells positions apart (book §33.3).</summary>
public enum PositionalEncodingKind
{
    /// <summary>Fixed sines and cosines of geometrically spaced frequencies (Vaswani et al.): nothing to learn.</summary>
    Sinusoidal,

    /// <summary>One trained vector per position (GPT-2, nanoGPT's <c>wpe</c>), drawn from N(0, 0.02²).</summary>
    Learned,
}

/// <summary>Adds a vector per position to token embeddings [batch, t, dim]: positions start..start + t − 1 of at most
/// <see cref="MaxLength"/>.</summary>
public abstract class PositionalEncoding : Module
{
    /// <summary>An encoding of <paramref name="maxLength"/> positions of <paramref name="dim"/> features.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a size below 1.</exception>
    protected PositionalEncoding(int maxLength, int dim)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        (MaxLength, Dim) = (maxLength, dim);
    }

    /// <summary>Positions encoded (the model's context length).</summary>
    public int MaxLength { get; }

    /// <summary>Features per position.</summary>
    public int Dim { get; }

    /// <summary>The encoding of one of <paramref name="kind"/>.</summary>
    public static PositionalEncoding Create(PositionalEncodingKind kind, int maxLength, int dim, Rng? rng = null, DType dtype = DType.Float32) => kind switch
    {
        PositionalEncodingKind.Sinusoidal => new SinusoidalPositionalEncoding(maxLength, dim, dtype),
        PositionalEncodingKind.Learned => new LearnedPositionalEncoding(maxLength, dim, rng, dtype),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown positional encoding"),
    };

    /// <summary>The [maxLength, dim] table of position vectors.</summary>
    protected abstract Tensor Table { get; }

    /// <summary>[batch, t, dim] plus the vectors of positions 0..t − 1.</summary>
    public override Tensor Forward(Tensor input) => Forward(input, 0);

    /// <summary>[batch, t, dim] plus the vectors of positions <paramref name="start"/>..start + t − 1.</summary>
    /// <exception cref="ShapeException">the input is not [batch, t, dim].</exception>
    /// <exception cref="ArgumentOutOfRangeException">positions before 0 or past <see cref="MaxLength"/>.</exception>
    public Tensor Forward(Tensor input, int start)
    {
        if (input.Rank != 3 || input.Shape[2] != Dim) throw new ShapeException($"positional encoding of {Dim} features needs [batch, tokens, {Dim}], got {input.Shape}");
        var t = input.Shape[1];
        if (start < 0 || start + t > MaxLength)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"positions {start}..{start + t - 1} lie outside the {MaxLength} positions encoded (the context length)");
        return input + Table.Slice(0, start, start + t);
    }
}
