using Grimoire.Kernels;

namespace Grimoire.Tests.Threading;

/// <summary>The loop splitter every CPU kernel and fused pass runs on: its chunks tile the range in order and each
/// runs once; an exception from a chunk reaches the caller as itself; and a loop finishes when it is started from
/// inside another loop's chunk, and when many threads start loops at once (the caller takes chunks itself, so it
/// never waits on a pool thread that is not coming).</summary>
public sealed class HostParallelTests
{
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

    [Test]
    public void OneChunkRunsOnTheCallingThread()
    {
        var thread = -1;
        HostParallel.ForChunks(5, 1, (_, _, _) => thread = Environment.CurrentManagedThreadId);
        Assert.That(thread, Is.EqualTo(Environment.CurrentManagedThreadId));
        HostParallel.ForChunks(0, 1, (_, _, _) => Assert.Fail("an empty range runs nothing"));
    }
}
