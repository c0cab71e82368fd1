namespace Grimoire.Nn.Layers;

/// <summary>The state a recurrent layer carries between calls: h [layers, batch, hidden] and, for an LSTM, c of the same
/// shape (PyTorch's <c>h_n</c> and <c>c_n</c>). For truncated backpropagation through time over a long stream (book §31.2),
/// pass the state of one window into the next after <see cref="Detach"/>: the next window then starts from the right values
/// but its gradient stops at the window's start, and the previous window's graph (already released by its Backward) is
/// never reached again.
/// <code>
/// RecurrentState? state = null;
/// foreach (var (inputs, targets) in TokenStreamWindows.Of(tokens, batch, steps))
/// {
///     using var scope = new TensorScope();
///     var (output, next) = lstm.Forward(embedding.Forward(inputs), state);
///     var loss = head.Forward(output).Reshape(-1, vocab).CrossEntropy(targets.Reshape(-1));
///     optimizer.ZeroGrad(); loss.Backward(); optimizer.Step();
///     state?.Dispose();
///     state = next.Detach().KeepIn(scope);   // outlives the step's scope, no graph behind it
/// }
/// </code></summary>
/// <param name="H">Hidden state [layers, batch, hidden].</param>
/// <param name="C">Cell state [layers, batch, hidden] of an LSTM; null for GRU and RNN layers.</param>
public sealed record RecurrentState(Tensor H, Tensor? C = null) : IDisposable
{
    /// <summary>The same values with no graph behind them (views of the same memory, so no copy).</summary>
    public RecurrentState Detach() => new(H.Detach(), C?.Detach());

    /// <summary>Hands H and C to the scope enclosing <paramref name="scope"/> (or to the caller when there is none), so the state
    /// survives the end of a step's scope; returns this.</summary>
    public RecurrentState KeepIn(TensorScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        scope.Keep(H);
        if (C is not null) scope.Keep(C);
        return this;
    }

    /// <summary>Disposes H and C.</summary>
    public void Dispose()
    {
        H.Dispose();
        C?.Dispose();
    }
}
