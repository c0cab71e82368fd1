namespace Grimoire.Language;

/// <summary>What a language model carries from one call of <see cref="LanguageModel.Forward"/> to the next, so a long
/// sequence can be fed in pieces (truncated BPTT in training, one token at a time in generation) with the same result as
/// feeding it whole: a recurrent model's h (and c), a fixed-context model's last tokens, a transformer's key/value cache.
/// Each model makes and reads only its own kind of state.</summary>
public abstract class DecodingState : IDisposable
{
    /// <summary>The same state with no autograd graph behind it, so the next piece's gradient stops here.</summary>
    public abstract DecodingState Detach();

    /// <summary>Hands the state's tensors to the scope enclosing <paramref name="scope"/>, so it outlives a training step's
    /// scope; returns this.</summary>
    public abstract DecodingState KeepIn(TensorScope scope);

    /// <summary>Frees the state's tensors.</summary>
    public abstract void Dispose();
}
