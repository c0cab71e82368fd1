using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Grimoire.Text.Embeddings;

/// <summary>A snapshot of a training run for a progress line.</summary>
/// <param name="Fraction">Share of the work done, in [0, 1].</param>
/// <param name="Seconds">Wall time so far.</param>
/// <param name="WordsPerSecond">Corpus words processed per second so far (all threads together).</param>
/// <param name="LearningRate">The current learning rate.</param>
/// <param name="Loss">The mean loss of the last epoch where the method measures one (GloVe), else NaN.</param>
public readonly record struct EmbeddingProgress(double Fraction, double Seconds, double WordsPerSecond, double LearningRate, double Loss);

/// <summary>Wall and processor time since a training began: on a shared machine the processor time per thread shows
/// the speed the wall time hides.</summary>
internal sealed class TrainingTimer
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;

    public double Seconds => _wall.Elapsed.TotalSeconds;

    /// <summary>Processor seconds of the whole process (all threads, the runtime's own included) since the start.</summary>
    public double CpuSeconds => (Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart).TotalSeconds;
}

/// <summary>Hogwild training (Recht et al. 2011, as word2vec.c, GloVe and fastText train): threads update the
/// shared vectors without locks, each over its own part of the data. The work done is counted in shared units (corpus
/// words, or co-occurrence entries for GloVe) that drive the linear learning-rate decay and the progress reports.
/// Threads read the shared count, so runs with more than one thread are not bit-reproducible; one thread is.</summary>
internal sealed class HogwildRun(TrainingTimer timer, long totalUnits, double startLearningRate, bool decay, Action<EmbeddingProgress>? progress, double wordsPerUnit)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);
    private long _done;

    /// <summary>The loss shown in progress reports; set by trainers that measure it.</summary>
    public double Loss { get; set; } = double.NaN;

    /// <summary>Seconds since the training began.</summary>
    public double Seconds => timer.Seconds;

    /// <summary>The learning rate now: decayed linearly with the work done down to 10⁻⁴ of the start (word2vec.c's
    /// floor), or constant.</summary>
    public float LearningRate => (float)(decay ? startLearningRate * Math.Max(1e-4, 1 - (double)Volatile.Read(ref _done) / Math.Max(1, totalUnits)) : startLearningRate);

    /// <summary>Counts <paramref name="units"/> more units of work done.</summary>
    public void Add(long units) => Interlocked.Add(ref _done, units);

    /// <summary>Runs <paramref name="worker"/>(thread index) on <paramref name="threads"/> threads, reporting progress
    /// about once a second from the calling thread, and rethrows the first exception a worker threw.</summary>
    public void Run(int threads, Action<int> worker)
    {
        var errors = new ExceptionDispatchInfo?[threads];
        var running = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try { worker(t); }
            catch (Exception e) { errors[t] = ExceptionDispatchInfo.Capture(e); }
        }) { IsBackground = true, Name = $"embedding trainer {t}" }).ToArray();
        foreach (var thread in running) thread.Start();
        foreach (var thread in running)
            while (!thread.Join(ReportEvery)) Report();
        errors.FirstOrDefault(e => e is not null)?.Throw();
    }

    /// <summary>Sends a progress snapshot to the listener, if any.</summary>
    public void Report()
    {
        if (progress is null) return;
        var done = Math.Min(Volatile.Read(ref _done), totalUnits);
        progress(new EmbeddingProgress((double)done / Math.Max(1, totalUnits), Seconds, done * wordsPerUnit / Math.Max(1e-9, Seconds), LearningRate, Loss));
    }
}
