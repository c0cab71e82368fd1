using Grimoire.Nn;

namespace Grimoire.Language;

/// <summary>A language model (book part 5): token ids [batch, T] in, next-token logits [batch, T, vocabulary] out, where
/// the logits at position t may depend on ids up to t only. A state returned by one call and passed to the next makes the
/// second call continue the first's sequences (<see cref="DecodingState"/>); null starts fresh sequences.</summary>
public abstract class LanguageModel : ModuleBase
{
    /// <summary>A model with the hyper-parameters <paramref name="config"/>.</summary>
    protected LanguageModel(LanguageModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
    }

    /// <summary>The kind and hyper-parameters the model was built from (saved in its checkpoint).</summary>
    public LanguageModelConfig Config { get; }

    /// <summary>The number of token ids the model reads and predicts.</summary>
    public int VocabularySize => Config.Vocabulary;

    /// <summary>True when the model is trained on one long stream with its state carried (detached) from window to window
    /// (truncated BPTT, recurrent models); false when it learns from independent random windows (feed-forward models).</summary>
    public abstract bool CarriesState { get; }

    /// <summary>True when the state does not grow with the sequence (recurrent h and c, a fixed context's last tokens), so
    /// evaluation may read a long text as one stream with the state carried; a model whose state grows (a transformer's
    /// key/value cache) returns false and is evaluated on independent windows.</summary>
    public virtual bool HasBoundedState => true;

    /// <summary>Next-token logits [batch, T, vocabulary] for <paramref name="ids"/> [batch, T] (int32), continuing
    /// <paramref name="state"/> when given, and the state after the last position.</summary>
    /// <exception cref="ShapeException">ids that are not [batch, T] with batch, T ≥ 1, or an id outside the vocabulary.</exception>
    /// <exception cref="DTypeException">ids that are not int32.</exception>
    /// <exception cref="ArgumentException">a state made by a different kind of model or for another batch size.</exception>
    public abstract (Tensor Logits, DecodingState? State) Forward(Tensor ids, DecodingState? state = null);

    /// <summary>For <see cref="Forward"/>: checks <paramref name="ids"/> and returns (batch, T).</summary>
    protected (int Batch, int Steps) CheckIds(Tensor ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.DType != DType.Int32) throw new DTypeException($"{Config.Kind}: token ids must be i32, got {ids.DType.Name()}");
        if (ids.Rank != 2 || ids.Shape[0] < 1 || ids.Shape[1] < 1) throw new ShapeException($"{Config.Kind}: token ids must be [batch, steps] with both at least 1, got {ids.Shape}");
        return (ids.Shape[0], ids.Shape[1]);
    }

    /// <summary>For <see cref="Forward"/>: the state as this model's kind <typeparamref name="T"/>, or null.</summary>
    /// <exception cref="ArgumentException">a state of another kind.</exception>
    protected T? StateAs<T>(DecodingState? state) where T : DecodingState =>
        state is null or T ? (T?)state : throw new ArgumentException($"{Config.Kind}: the decoding state is a {state.GetType().Name}, not one this model made", nameof(state));
}
