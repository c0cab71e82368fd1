using System.Runtime.ExceptionServices;

namespace Grimoire.Kernels;

/// <summary>One <see cref="HostParallel.ForChunks"/> call's chunks, handed out one at a time to whichever thread asks
/// next (the caller and any helper that took the job), run under the caller's execution context.</summary>
internal sealed class SharedChunks(int count, int chunks, Action<int, int, int> body)
{
    private static readonly ContextCallback s_take = static job => ((SharedChunks)job!).Take();

    private readonly ManualResetEventSlim _done = new();
    // Captured once per call: the forced kernels are AsyncLocal, so a helper's chunks must see the caller's choice.
    // Capture returns the current context without copying it; null only when the caller suppressed the flow.
    private readonly ExecutionContext? _context = ExecutionContext.Capture();
    // Both count up from −1: the next chunk to hand out, and the chunks that have ended.
    private int _next = -1;
    private int _ended = -1;
    private ExceptionDispatchInfo? _error;

    /// <summary>Takes chunks on a helper thread, under the caller's context (or <paramref name="fallback"/>, the
    /// helper's own empty one, when the caller suppressed the flow), so nothing a chunk sets stays on the helper.</summary>
    public void TakeAsHelper(ExecutionContext fallback) => ExecutionContext.Run(_context ?? fallback, s_take, this);

    /// <summary>Runs chunks until none is left to hand out.</summary>
    public void Take()
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next)) < chunks)
        {
            try
            {
                body(chunk, (int)((long)count * chunk / chunks), (int)((long)count * (chunk + 1) / chunks));
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
            }
            if (Interlocked.Increment(ref _ended) == chunks - 1) _done.Set();
        }
    }

    /// <summary>Returns once every chunk has ended, rethrowing the first chunk's exception (the event is left to the
    /// GC: a helper may still be inside Set).</summary>
    public void Wait()
    {
        _done.Wait();
        _error?.Throw();
    }
}
