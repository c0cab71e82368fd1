namespace Grimoire.Nn.Training;

/// <summary>A long token stream cut for truncated backpropagation through time, char-rnn style (book §31.2): the stream is
/// split into <c>batch</c> contiguous rows, and window w holds positions [w·steps, (w + 1)·steps) of every row, so row b of
/// one window continues exactly where row b of the previous window stopped. A hidden state carried (detached) from one
/// window to the next (<see cref="Layers.RecurrentState"/>) is then the state of that row's own text.</summary>
public static class TokenStreamWindows
{
    /// <summary>The windows of <paramref name="tokens"/>, in order: int32 inputs [steps, batch] (or [batch, steps] when
    /// <paramref name="batchFirst"/>) and targets of the same shape, each input's next token. Each row holds
    /// ⌊(n − 1) / batch⌋ inputs; the tokens past the last full row are not used, and the last window is shorter when the row
    /// length is not a multiple of <paramref name="steps"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">batch or steps below 1, or a stream too short to give every row one
    /// input and its target.</exception>
    public static IEnumerable<(Tensor Inputs, Tensor Targets)> Of(ReadOnlyMemory<int> tokens, int batch, int steps, bool batchFirst = false)
    {
        var rowLength = RowLength(tokens.Length, batch, steps);
        return Windows(tokens, batch, steps, rowLength, batchFirst);
    }

    /// <summary>How many windows <see cref="Of"/> gives for a stream of <paramref name="tokenCount"/> tokens.</summary>
    /// <exception cref="ArgumentOutOfRangeException">as for <see cref="Of"/>.</exception>
    public static int Count(int tokenCount, int batch, int steps) => (RowLength(tokenCount, batch, steps) + steps - 1) / steps;

    private static int RowLength(int tokenCount, int batch, int steps)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "stream windows need a batch of at least 1 row");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "stream windows need at least 1 step");
        var rowLength = (tokenCount - 1) / batch;
        if (tokenCount < 2 || rowLength < 1)
            throw new ArgumentOutOfRangeException(nameof(tokenCount), tokenCount, $"a stream of {tokenCount} tokens is too short for {batch} rows: each row needs an input and its next token ({batch + 1} tokens at least)");
        return rowLength;
    }

    private static IEnumerable<(Tensor Inputs, Tensor Targets)> Windows(ReadOnlyMemory<int> tokens, int batch, int steps, int rowLength, bool batchFirst)
    {
        for (var start = 0; start < rowLength; start += steps)
        {
            var length = Math.Min(steps, rowLength - start);
            var (inputs, targets) = (new int[length * batch], new int[length * batch]);
            var span = tokens.Span;
            for (var b = 0; b < batch; b++)
            {
                for (var t = 0; t < length; t++)
                {
                    var at = batchFirst ? b * length + t : t * batch + b;
                    var source = (long)b * rowLength + start + t;
                    (inputs[at], targets[at]) = (span[(int)source], span[(int)source + 1]);
                }
            }
            var shape = batchFirst ? new Shape(batch, length) : new Shape(length, batch);
            yield return (Tensor.FromArray(inputs, shape), Tensor.FromArray(targets, shape));
        }
    }
}
