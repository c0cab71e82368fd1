namespace Grimoire.Nn.Layers;

/// <summary>Inverted dropout (book §12.1): in training each activation is zeroed with probability p and the kept
/// ones are scaled by 1/(1−p), so the expected activation is unchanged and evaluation is the identity.</summary>
public sealed class Dropout : Module
{
    private readonly Rng _rng;

    /// <summary>Dropout with probability <paramref name="p"/>, drawing its masks from <paramref name="rng"/> (kept, not owned).</summary>
    /// <exception cref="ArgumentOutOfRangeException">p outside [0, 1).</exception>
    public Dropout(double p, Rng rng)
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must lie in [0, 1)");
        P = p;
        _rng = rng;
    }

    /// <summary>Probability of zeroing each activation in training.</summary>
    public double P { get; }

    /// <summary>In training, a new random mask per call; in evaluation (or with p = 0) the input itself, not a copy.</summary>
    public override Tensor Forward(Tensor input)
    {
        if (!Training || P == 0) return input;
        var keep = Tensor.RandU(input.Shape, rng: _rng, dtype: input.DType, device: input.Device).Ge(P);
        return input * (keep * (1 / (1 - P)));
    }
}
