namespace Grimoire;

/// <summary>Disposes every tensor created on this thread while it is the innermost scope, except those
/// passed to <see cref="Keep"/>. Wrap a training step in one so intermediates never outlive it.</summary>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic] private static TensorScope? t_current;
    private readonly TensorScope? _outer;
    private readonly List<Tensor> _tensors = [];
    private bool _disposed;

    /// <summary>Opens a scope on this thread; it is the innermost until disposed or until a nested one opens.</summary>
    public TensorScope()
    {
        _outer = t_current;
        t_current = this;
    }

    internal static void Track(Tensor tensor) => t_current?._tensors.Add(tensor);

    /// <summary>Hands <paramref name="tensor"/> to the enclosing scope (or to the caller when there is none).</summary>
    public Tensor Keep(Tensor tensor)
    {
        if (_tensors.Remove(tensor)) _outer?._tensors.Add(tensor);
        return tensor;
    }

    /// <summary>Removes <paramref name="tensor"/> from every scope: the caller owns it from now on.</summary>
    internal static void Untrack(Tensor tensor)
    {
        for (var s = t_current; s is not null; s = s._outer)
        {
            if (s._tensors.Remove(tensor)) return;
        }
    }

    /// <summary>Disposes the tensors created in the scope and not kept, and closes it.</summary>
    /// <exception cref="InvalidOperationException">a scope nested in this one is still open.</exception>
    public void Dispose()
    {
        if (_disposed) return;
        // Checked before marking this scope done, so after the exception it can still be disposed in order.
        if (t_current != this) throw new InvalidOperationException("tensor scopes must be disposed innermost first");
        _disposed = true;
        t_current = _outer;
        foreach (var t in _tensors) t.Dispose();
        _tensors.Clear();
    }
}
