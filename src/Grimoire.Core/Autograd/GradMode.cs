namespace Grimoire.Autograd;

/// <summary>Whether ops record themselves for backward on this thread.</summary>
public static class GradMode
{
    [ThreadStatic] private static int t_disabledDepth;

    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>Turns recording off until the handle is disposed (inference, optimizer updates).</summary>
    public static IDisposable NoGrad()
    {
        t_disabledDepth++;
        return new Enable();
    }

    private sealed class Enable : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            t_disabledDepth--;
        }
    }
}
