namespace Grimoire.Autograd;

/// <summary>Whether ops record themselves for backward on this thread.</summary>
public static class GradMode
{
    [ThreadStatic] private static int t_disabledDepth;

    /// <summary>False inside a <see cref="NoGrad"/> block on this thread: ops then record nothing and results carry no history.</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>Turns recording off until the handle is disposed (inference, optimizer updates).</summary>
    public static IDisposable NoGrad() => Set(t_disabledDepth + 1);

    /// <summary>Recording on or off until the handle is disposed, whatever encloses it: backward passes that build
    /// a graph of their own (createGraph) record even inside a NoGrad block.</summary>
    internal static IDisposable Recording(bool enabled) => Set(enabled ? 0 : t_disabledDepth + 1);

    private static Restore Set(int depth)
    {
        var previous = t_disabledDepth;
        t_disabledDepth = depth;
        return new Restore(previous);
    }

    private sealed class Restore(int previous) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            t_disabledDepth = previous;
        }
    }
}
