using System.Diagnostics;

// How long a helper thread takes to start on work handed to it while the posting thread keeps computing, as the calling
// thread of a 2-thread GEMM does with its own share (300 µs here, a 2-thread n = 256 product). Three helpers: a thread-pool
// work item, a dedicated thread waiting on a SemaphoreSlim (both spin and yield for a while before they block), and a
// dedicated thread waiting on an AutoResetEvent (blocks at once). Percentiles over 400 posts.
// Usage: HelperWake [busy_us]
var busyMicroseconds = args.Length > 0 ? double.Parse(args[0]) : 300;
const int Posts = 400;

Report("thread-pool work item", Measure(post => ThreadPool.UnsafeQueueUserWorkItem(static p => p(), post, preferLocal: false)));
var semaphore = new SemaphoreSlim(0);
Report("dedicated thread, SemaphoreSlim", Measure(post => semaphore.Release(), helper => { while (true) { semaphore.Wait(); helper(); } }));
var signal = new AutoResetEvent(false);
Report("dedicated thread, AutoResetEvent", Measure(post => signal.Set(), helper => { while (true) { signal.WaitOne(); helper(); } }));

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
