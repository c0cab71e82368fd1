using FsCheck;
using FsCheck.Fluent;
using Grimoire.Kernels;
using Grimoire.Tests.Laws;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Threading;

/// <summary>The loop splitter every CPU kernel and fused pass runs on: its chunks tile the range in order and each
/// runs once; an exception from a chunk reaches the caller as itself; and a loop finishes when it is started from
/// inside another loop's chunk, and when many threads start loops at once (the caller takes chunks itself, so it
/// never waits on a pool thread that is not coming); the pool threads that help run chunks under the caller's execution
/// context and keep nothing of it afterwards. No assertion depends on timing: where a helper must take part, the
/// caller's chunk waits for it, and a limit only turns a hang into a failure.</summary>
[NonParallelizable]
public sealed class HostParallelTests
{
    private static readonly AsyncLocal<string?> Flowed = new();
    private static readonly AsyncLocal<string?> SetByAHelper = new();

    /// <summary>Random ranges, chunk counts and thread settings: every index in exactly one chunk, every chunk run
    /// once, the chunks in order, whichever threads ran them.</summary>
    [Test]
    public void RandomSplitsTileTheRangeOnceAtAnyThreadSetting() =>
        PropertyCheck.ForAll(Gens.Zip3(Gen.Choose(1, 3000), Gen.Choose(1, 24), Gen.Choose(1, 6)),
            c => WithThreads(c.Item3, () => ChunksTileTheRangeOnce(c.Item1, c.Item2)), cases: 40);

    [TestCase(1, 1)]
    [TestCase(10, 3)]
    [TestCase(7, 7)]
    [TestCase(1000, 16)]
    [TestCase(5, 8)]
    public void ChunksTileTheRangeOnce(int count, int chunks)
    {
        var covered = new int[count];
        var seen = new int[chunks];
        var bounds = new (int Start, int End)[chunks];
        HostParallel.ForChunks(count, chunks, (chunk, start, end) =>
        {
            Interlocked.Increment(ref seen[chunk]);
            bounds[chunk] = (start, end);
            for (var i = start; i < end; i++) Interlocked.Increment(ref covered[i]);
        });
        Assert.That(covered, Is.All.EqualTo(1), "every index in exactly one chunk");
        Assert.That(seen, Is.All.EqualTo(1), "every chunk run once");
        for (var c = 1; c < chunks; c++) Assert.That(bounds[c].Start, Is.EqualTo(bounds[c - 1].End), "chunks in order");
        Assert.That((bounds[0].Start, bounds[^1].End), Is.EqualTo((0, count)));
    }

    [Test]
    public void EveryChunksExceptionIsCaughtAndTheHelpersStillWork()
    {
        WithThreads(3, () =>
        {
            var ended = 0;
            var thrown = Assert.Throws<ArithmeticException>(() => HostParallel.ForChunks(12, 12, (chunk, _, _) =>
            {
                Interlocked.Increment(ref ended);
                throw new ArithmeticException($"chunk {chunk}");
            }));
            Assert.That(thrown!.Message, Does.StartWith("chunk "), "one of the chunks' own exceptions");
            Assert.That(ended, Is.EqualTo(12));
            ChunksTileTheRangeOnce(500, 9);
        });
    }

    [Test]
    public void AChunksExceptionReachesTheCallerAfterEveryChunkEnded()
    {
        var ended = 0;
        var thrown = Assert.Throws<InvalidOperationException>(() => HostParallel.ForChunks(100, 4, (chunk, _, _) =>
        {
            Interlocked.Increment(ref ended);
            if (chunk == 2) throw new InvalidOperationException("chunk 2 failed");
        }));
        Assert.That(thrown!.Message, Is.EqualTo("chunk 2 failed"));
        Assert.That(ended, Is.EqualTo(4));
    }

    [Test]
    public void LoopsInsideChunksAndFromManyThreadsFinish()
    {
        var total = 0L;
        var callers = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            HostParallel.ForChunks(8, 4, (_, start, end) =>
                HostParallel.ForChunks(end - start, 3, (_, s, e) => Interlocked.Add(ref total, e - s))))).ToArray();
        // A deadlock would hang here; the limit only turns one into a failure, it measures nothing.
        Assert.That(Task.WaitAll(callers, TimeSpan.FromMinutes(2)), "every loop finished");
        Assert.That(total, Is.EqualTo(16 * 8));
    }

    /// <summary>Nested loops from many threads, each changing the setting every few loops (the others' chunk counts
    /// change under their feet): every chunk of every loop still runs exactly once.</summary>
    [Test]
    public void LoopsFinishWhileTheThreadSettingChanges()
    {
        WithThreads(2, () =>
        {
            var total = 0L;
            var callers = Enumerable.Range(0, 6).Select(id => Task.Run(() =>
            {
                for (var r = 0; r < 50; r++)
                {
                    if (r % 10 == 0) HostParallel.Threads = 1 + (id + r / 10) % 4;
                    HostParallel.ForChunks(12, 4, (_, start, end) =>
                        HostParallel.ForChunks(end - start, 2, (_, s, e) => Interlocked.Add(ref total, e - s)));
                }
            })).ToArray();
            Assert.That(Task.WaitAll(callers, TimeSpan.FromMinutes(2)), "every loop finished");
            Assert.That(total, Is.EqualTo(6 * 50 * 12));
        });
    }

    /// <summary>A forced kernel is an AsyncLocal: the helper's chunk sees the caller's value, on a background thread,
    /// and what a chunk sets does not stay on the helper for the next loop.</summary>
    [Test]
    public void HelpersRunUnderTheCallersContextAndKeepNothing()
    {
        WithThreads(2, () =>
        {
            var caller = Environment.CurrentManagedThreadId;
            var onHelper = 0;
            for (var call = 0; call < 20; call++)
            {
                Flowed.Value = $"call {call}";
                var seen = new string?[2];
                var (started, helperIsBackground) = (0, true);
                HostParallel.ForChunks(2, 2, (chunk, _, _) =>
                {
                    seen[chunk] = Flowed.Value;
                    Interlocked.Increment(ref started);
                    if (Environment.CurrentManagedThreadId == caller)
                    {
                        // Leave the other chunk to a helper; should none come, the caller takes it after the limit.
                        SpinWait.SpinUntil(() => Volatile.Read(ref started) == 2, TimeSpan.FromSeconds(1));
                        return;
                    }
                    helperIsBackground = Thread.CurrentThread.IsBackground;
                    SetByAHelper.Value = "set inside a helper's chunk";
                    Interlocked.Increment(ref onHelper);
                });
                Assert.That(seen, Is.All.EqualTo($"call {call}"), "every chunk sees the caller's value");
                Assert.That(helperIsBackground, "helpers do not keep the process alive");
                Flowed.Value = null;
                var after = new string?[2];
                HostParallel.ForChunks(2, 2, (chunk, _, _) => after[chunk] = Flowed.Value ?? SetByAHelper.Value);
                Assert.That(after, Is.All.Null, "nothing of the last loop stays on a helper");
            }
            Assert.That(onHelper, Is.GreaterThan(0), "a helper thread ran chunks");
        });
    }

    [Test]
    public void ALoopWithTheFlowSuppressedFinishes()
    {
        WithThreads(2, () =>
        {
            Flowed.Value = "not flowed";
            var total = 0;
            using (ExecutionContext.SuppressFlow())
                HostParallel.ForChunks(64, 8, (_, start, end) => Interlocked.Add(ref total, end - start));
            Flowed.Value = null;
            Assert.That(total, Is.EqualTo(64));
        });
    }

    [Test]
    public void OneChunkRunsOnTheCallingThread()
    {
        var thread = -1;
        HostParallel.ForChunks(5, 1, (_, _, _) => thread = Environment.CurrentManagedThreadId);
        Assert.That(thread, Is.EqualTo(Environment.CurrentManagedThreadId));
        HostParallel.ForChunks(0, 1, (_, _, _) => Assert.Fail("an empty range runs nothing"));
    }

    private static void WithThreads(int threads, Action body)
    {
        var before = HostParallel.Threads;
        try
        {
            HostParallel.Threads = threads;
            body();
        }
        finally
        {
            HostParallel.Threads = before;
        }
    }
}
