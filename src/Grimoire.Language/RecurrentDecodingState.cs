using Grimoire.Nn.Layers;

namespace Grimoire.Language;

/// <summary>The state of a recurrent language model: its layers' h (and c), <see cref="RecurrentState"/>.</summary>
/// <param name="Layers">h [layers, batch, hidden] and, for an LSTM, c.</param>
public sealed class RecurrentDecodingState(RecurrentState Layers) : DecodingState
{
    /// <summary>h [layers, batch, hidden] and, for an LSTM, c.</summary>
    public RecurrentState Layers { get; } = Layers;

    /// <inheritdoc/>
    public override DecodingState Detach() => new RecurrentDecodingState(Layers.Detach());

    /// <inheritdoc/>
    public override DecodingState KeepIn(TensorScope scope)
    {
        Layers.KeepIn(scope);
        return this;
    }

    /// <inheritdoc/>
    public override void Dispose() => Layers.Dispose();
}
