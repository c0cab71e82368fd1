using System.Runtime.ExceptionServices;

namespace Grimoire.Cpu.Gemm;

/// <summary>
/// A packed GEMM whose rows are shared between threads that use one packed B (BLIS's parallel ic loop), instead of
/// one band of rows per thread, each packing all of B. For every (Nc, Kc) block of B there are two phases: the B
/// block is packed in column chunks, then C's rows are multiplied in row chunks, each packing its own A; a phase's
/// chunks are handed out one at a time to whichever thread asks, and the next phase starts once every chunk has
/// ended. The calling thread works through the phases itself and never waits for a helper that has not taken a
/// chunk, so the product finishes on one thread when the helpers start late (on a loaded machine, or a virtual CPU
/// that was halted), and a helper that arrives in the middle still takes the chunks left. Each element of C is
/// computed by one chunk, in the same order as <see cref="GemmDriver"/>, so results do not depend on the threads.
/// </summary>
internal static unsafe class SharedBGemm
{
    // Row chunks per thread and phase: enough that a helper arriving late still finds work.
    private const int RowChunksPerThread = 4;

    // B packing chunks per thread and phase (a phase packs at most Kc x Nc floats, a few tens of microseconds).
    private const int PackChunksPerThread = 2;

    public static void Run<TKernel>(GemmIsa isa, in GemmProblem g, in Blocking blk, int threads) where TKernel : struct, IMicroKernel
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        int kcMax = GemmDriver.BalancedBlock(g.K, blk.Kc, GemmDriver.KcStep);
        int ncMax = Math.Min(blk.Nc, GemmDriver.RoundUp(g.N, nr));
        int mTiles = (g.M + mr - 1) / mr;
        // Each row chunk at most one A block (Mc rows), and at least one tile.
        int tilesPerChunk = Math.Max(1, Math.Min(mTiles / (threads * RowChunksPerThread), blk.Mc / mr));
        int rowChunks = (mTiles + tilesPerChunk - 1) / tilesPerChunk, mcBlock = tilesPerChunk * mr;
        var job = new Job<TKernel>(isa, g, PackBuffer.ForB((nint)kcMax * ncMax), mcBlock, rowChunks, threads * PackChunksPerThread);
        // No execution context to flow: the chunks resolve no kernel and read no AsyncLocal.
        for (int helper = 1; helper < threads; helper++) ThreadPool.UnsafeQueueUserWorkItem(static j => j.Help(), job, preferLocal: false);
        job.Lead(kcMax, ncMax);
    }

    private sealed class Job<TKernel>(GemmIsa isa, GemmProblem g, float* bPack, int mcBlock, int rowChunks, int mostPackChunks)
        where TKernel : struct, IMicroKernel
    {
        private const int Packing = 0, Multiplying = 1;

        // The current phase's number (high 32 bits) and its next chunk to hand out (low 32 bits), changed together;
        // Closed in the low bits while the lead is between phases.
        private const long Closed = int.MaxValue;
        private long _state = Closed;
        private int _ended;
        private volatile bool _finished;
        private ExceptionDispatchInfo? _error;

        // What the current phase does; written by the lead before the phase is published, read after a chunk is taken.
        private int _kind, _chunks, _jc, _nc, _pc, _kc;

        /// <summary>The calling thread: publishes the phases one after another and works on each.</summary>
        public void Lead(int kcMax, int ncMax)
        {
            try
            {
                for (int jc = 0; jc < g.N; jc += ncMax)
                {
                    int nc = Math.Min(ncMax, g.N - jc);
                    int panels = (nc + TKernel.Nr - 1) / TKernel.Nr;
                    for (int pc = 0; pc < g.K; pc += kcMax)
                    {
                        int kc = Math.Min(kcMax, g.K - pc);
                        RunPhase(Packing, Math.Min(panels, mostPackChunks), jc, nc, pc, kc);
                        RunPhase(Multiplying, rowChunks, jc, nc, pc, kc);
                    }
                }
            }
            finally
            {
                _finished = true;
            }

            _error?.Throw();
        }

        /// <summary>A helper thread: takes chunks of whatever phase is current until the product is finished.</summary>
        public void Help()
        {
            var spin = new SpinWait();
            while (!_finished)
            {
                if (TryTakeChunk()) spin.Reset();
                else spin.SpinOnce(sleep1Threshold: -1);
            }
        }

        private void RunPhase(int kind, int chunks, int jc, int nc, int pc, int kc)
        {
            // The phase before is closed (no chunk can be taken), so its fields can be rewritten.
            (_kind, _chunks, _jc, _nc, _pc, _kc) = (kind, chunks, jc, nc, pc, kc);
            Volatile.Write(ref _ended, 0);
            long phase = (Volatile.Read(ref _state) >> 32) + 1;
            // Publishing the next phase number with chunk 0 releases the fields above to the helpers.
            Interlocked.Exchange(ref _state, phase << 32);
            while (TryTakeChunk())
            {
            }

            var spin = new SpinWait();
            while (Volatile.Read(ref _ended) < chunks) spin.SpinOnce(sleep1Threshold: -1);
            Interlocked.Exchange(ref _state, phase << 32 | Closed);
        }

        private bool TryTakeChunk()
        {
            long state = Volatile.Read(ref _state);
            // A closed phase, or one whose chunks are all taken, has nothing to hand out. The fields are acted on only
            // after the exchange confirms that this phase is still open.
            if ((int)state >= Volatile.Read(ref _chunks)) return false;
            if (Interlocked.CompareExchange(ref _state, state + 1, state) != state) return false;
            try
            {
                RunChunk((int)state);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
            }

            Interlocked.Increment(ref _ended);
            return true;
        }

        private void RunChunk(int chunk)
        {
            if (_kind == Packing)
            {
                int panels = (_nc + TKernel.Nr - 1) / TKernel.Nr;
                int first = (int)((long)panels * chunk / _chunks), end = (int)((long)panels * (chunk + 1) / _chunks);
                int j0 = first * TKernel.Nr, cols = Math.Min(_nc, end * TKernel.Nr) - j0;
                PackB.Run(g, _pc, _jc + j0, _kc, cols, TKernel.Nr, bPack + (nint)j0 * _kc);
            }
            else
            {
                int i0 = chunk * mcBlock;
                GemmDriver.MultiplyRows<TKernel>(isa, g, i0, Math.Min(g.M - i0, mcBlock), _jc, _nc, _pc, _kc, mcBlock, bPack,
                    PackBuffer.ForA((nint)_kc * mcBlock));
            }
        }
    }
}
