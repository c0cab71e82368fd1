namespace Grimoire.Kernels;

/// <summary>The dedicated background threads that help <see cref="HostParallel.ForChunks"/>: <see cref="HostParallel.Threads"/>
/// − 1 of them, started on first use and resized when the setting changes. Each holds at most one job: a call skips a
/// helper that is running one and does that share on its own thread, so nothing queues and nested or concurrent calls
/// always finish; a job still waiting for its helper to wake is replaced by the next call's (its own caller has taken
/// its chunks by then, or will). Why not the thread pool: a pool thread spins and yields before it blocks, and one still
/// spinning when work comes is not woken onto the free core, so it started 60-300 µs late and the caller ran most chunks
/// itself (docs/benchmarks/gemm-2026-12-03.md, "Evening"); a thread that blocks at once is woken onto the other core in
/// about 7-10 µs. So these block at once, between jobs too (see Next).</summary>
internal static class HelperThreads
{
    private static Helper[] s_helpers = [];
    private static readonly Lock s_resize = new();

    /// <summary>Posts <paramref name="job"/> to up to <paramref name="wanted"/> helpers that are not running a job.</summary>
    public static void Offer(SharedChunks job, int wanted)
    {
        var helpers = Volatile.Read(ref s_helpers);
        var count = HostParallel.Threads - 1;
        if (helpers.Length != count) helpers = Resize(count);
        for (var i = 0; i < helpers.Length && wanted > 0; i++)
            if (helpers[i].TryPost(job)) wanted--;
    }

    /// <summary>Keeps the first <paramref name="count"/> helpers, starts the missing ones and retires the rest.</summary>
    private static Helper[] Resize(int count)
    {
        lock (s_resize)
        {
            var old = s_helpers;
            if (old.Length == count) return old;
            var helpers = new Helper[count];
            for (var i = 0; i < count; i++) helpers[i] = i < old.Length ? old[i] : Helper.Start(i);
            for (var i = count; i < old.Length; i++) old[i].Retire();
            Volatile.Write(ref s_helpers, helpers);
            return helpers;
        }
    }

    /// <summary>Helpers in the current set, for tests (a retired one leaves once it has finished its job).</summary>
    internal static int Count => Volatile.Read(ref s_helpers).Length;

    private sealed class Helper
    {
        private readonly AutoResetEvent _wake = new(false);
        private SharedChunks? _job;  // posted, not yet claimed
        private int _running;        // 1 from claiming a job until it has been run
        private int _sleeping;       // 1 while the helper is blocked, or about to block, on _wake
        private volatile bool _retired;

        public static Helper Start(int index)
        {
            var helper = new Helper();
            // UnsafeStart: the thread must not keep the context of whichever call happened to start it.
            new Thread(helper.Run) { IsBackground = true, Name = $"Grimoire helper {index + 1}" }.UnsafeStart();
            return helper;
        }

        public bool TryPost(SharedChunks job)
        {
            if (Volatile.Read(ref _running) != 0) return false;
            // Exchange is a full fence: the helper either sees the job on its last look or has published _sleeping.
            Interlocked.Exchange(ref _job, job);
            if (Volatile.Read(ref _sleeping) != 0) _wake.Set();
            return true;
        }

        public void Retire()
        {
            _retired = true;
            _wake.Set();
        }

        private void Run()
        {
            var empty = ExecutionContext.Capture()!;
            while (Next() is { } job)
            {
                job.TakeAsHelper(empty);
                Volatile.Write(ref _running, 0);
            }
        }

        /// <summary>Claims the next posted job, or returns null once retired. It blocks at once: a helper that spins
        /// after a job stays queued on the core it last ran on, which under load is the caller's, and then starts only
        /// when the caller's share is done (HelperWake at load 8.6, poster busy 20 µs: started after a median 20 µs
        /// with a 50 µs spin, 7 µs without).</summary>
        private SharedChunks? Next()
        {
            while (true)
            {
                if (Claim() is { } job) return job;
                if (_retired) return null;
                Interlocked.Exchange(ref _sleeping, 1);
                // Look again after publishing _sleeping: a post that missed it has set the job by now.
                if (Volatile.Read(ref _job) is null && !_retired) _wake.WaitOne();
                Volatile.Write(ref _sleeping, 0);
            }
        }

        /// <summary>Takes the posted job, if any, marking the helper as running first so no call counts on it meanwhile.</summary>
        private SharedChunks? Claim()
        {
            if (Volatile.Read(ref _job) is null) return null;
            Volatile.Write(ref _running, 1);
            if (Interlocked.Exchange(ref _job, null) is { } job) return job;
            Volatile.Write(ref _running, 0);
            return null;
        }
    }
}
