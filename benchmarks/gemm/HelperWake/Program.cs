using System.Diagnostics;
using Grimoire.Kernels;

// How long a helper thread takes to start on work handed to it while the posting thread keeps computing, as the calling
// thread of a 2-thread GEMM does with its own share (300 µs here, a 2-thread n = 256 product). Three helpers: a thread-pool
// work item, a dedicated thread waiting on a SemaphoreSlim (both spin and yield for a while before they block), and a
// dedicated thread waiting on an AutoResetEvent or a ManualResetEventSlim without spinning (both block at once), and
// HostParallel.ForChunks itself (2 chunks: whichever the calling thread takes keeps it busy, the helper's stamps its
// start; when the caller ran both, the helper counts as starting after the whole call). Percentiles over 400 posts.
// Usage: HelperWake [busy_us]
var busyMicroseconds = args.Length > 0 ? double.Parse(args[0]) : 300;
const int Posts = 400;

Report("thread-pool work item", Measure(post => ThreadPool.UnsafeQueueUserWorkItem(static p => p(), post, preferLocal: false)));
var semaphore = new SemaphoreSlim(0);
Report("dedicated thread, SemaphoreSlim", Measure(post => semaphore.Release(), helper => { while (true) { semaphore.Wait(); helper(); } }));
var signal = new AutoResetEvent(false);
Report("dedicated thread, AutoResetEvent", Measure(post => signal.Set(), helper => { while (true) { signal.WaitOne(); helper(); } }));
var slim = new ManualResetEventSlim(false, spinCount: 0);
Report("dedicated thread, ManualResetEventSlim (no spin)", Measure(post => slim.Set(), helper => { while (true) { slim.Wait(); slim.Reset(); helper(); } }));
Report($"HostParallel.ForChunks (threads {HostParallel.Threads})", MeasureForChunks());
ReportCall(MeasureCall());

// The whole call with two equal chunks of busyMicroseconds each: 1× that when the helper runs one at once, 2× when the
// caller runs both (or shares its core with the helper).
double[] MeasureCall()
{
    var calls = new double[Posts];
    for (var i = 0; i < Posts; i++)
    {
        var start = Stopwatch.GetTimestamp();
        HostParallel.ForChunks(2, 2, (_, _, _) =>
        {
            var began = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(began).TotalMicroseconds < busyMicroseconds) { }
        });
        calls[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }
    Array.Sort(calls);
    return calls;
}

void ReportCall(double[] d) =>
    Console.WriteLine($"HostParallel.ForChunks call, 2 chunks of {busyMicroseconds} µs: p10 {d[Posts / 10]:F0}, median {d[Posts / 2]:F0}, p90 {d[Posts * 9 / 10]:F0} µs");

double[] MeasureForChunks()
{
    var caller = Environment.CurrentManagedThreadId;
    var delays = new double[Posts];
    for (var i = 0; i < Posts; i++)
    {
        var posted = Stopwatch.GetTimestamp();
        long helped = 0;
        HostParallel.ForChunks(2, 2, (_, _, _) =>
        {
            if (Environment.CurrentManagedThreadId != caller) Volatile.Write(ref helped, Stopwatch.GetTimestamp());
            else while (Stopwatch.GetElapsedTime(posted).TotalMicroseconds < busyMicroseconds) { }
        });
        delays[i] = Stopwatch.GetElapsedTime(posted, helped != 0 ? helped : Stopwatch.GetTimestamp()).TotalMicroseconds;
    }
    Array.Sort(delays);
    return delays;
}

// post(start) hands the helper the action that stamps its start; with a dedicated loop, the loop calls it on each wake.
double[] Measure(Action<Action> post, Action<Action>? dedicated = null)
{
    long started = 0;
    Action stamp = () => Volatile.Write(ref started, Stopwatch.GetTimestamp());
    if (dedicated is not null) new Thread(() => dedicated(stamp)) { IsBackground = true }.Start();
    var delays = new double[Posts];
    for (var i = 0; i < Posts; i++)
    {
        Volatile.Write(ref started, 0);
        var posted = Stopwatch.GetTimestamp();
        post(stamp);
        while (Stopwatch.GetElapsedTime(posted).TotalMicroseconds < busyMicroseconds)
        {
        }
        SpinWait.SpinUntil(() => Volatile.Read(ref started) != 0);
        delays[i] = Stopwatch.GetElapsedTime(posted, Volatile.Read(ref started)).TotalMicroseconds;
    }
    Array.Sort(delays);
    return delays;
}

void Report(string helper, double[] d) =>
    Console.WriteLine($"{helper}: started after p10 {d[Posts / 10]:F0}, median {d[Posts / 2]:F0}, p90 {d[Posts * 9 / 10]:F0} µs (poster busy {busyMicroseconds} µs)");
