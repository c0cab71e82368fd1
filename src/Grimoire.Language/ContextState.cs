namespace Grimoire.Language;

/// <summary>The state of a fixed-context model: the last tokens of each sequence, [batch][context − 1], held on the host
/// (ids carry no gradient, so there is nothing to detach).</summary>
public sealed class ContextState : DecodingState
{
    /// <summary>The state holding <paramref name="history"/>, row b the last tokens of sequence b, oldest first.</summary>
    public ContextState(int[][] history)
    {
        ArgumentNullException.ThrowIfNull(history);
        History = history;
    }

    /// <summary>Row b: the last tokens of sequence b, oldest first (a start id where the sequence is shorter).</summary>
    public IReadOnlyList<int[]> History { get; }

    /// <inheritdoc/>
    public override DecodingState Detach() => this;

    /// <inheritdoc/>
    public override DecodingState KeepIn(TensorScope scope) => this;

    /// <inheritdoc/>
    public override void Dispose() { }
}
