using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Bench;

/// <summary>
/// The memory-bandwidth ceiling, STREAM-style: a[i] = b[i] + s * c[i] over arrays far larger than the
/// last-level cache. Counted as 12 bytes per element (two reads, one write), as STREAM does; the write
/// uses non-temporal stores (as tuned STREAM builds do), so no read-for-ownership traffic is hidden.
/// An instance holds the three arrays, so a sweep can time the triad between the kernels it compares.
/// </summary>
public sealed unsafe class TriadBandwidth : IDisposable
{
    /// <summary>16 Mi floats per array: 192 MiB in all, several times any L3 of this class of machine.</summary>
    public const int Elements = 1 << 24;

    /// <summary>Compulsory bytes of one triad: two arrays read, one written.</summary>
    public const double Bytes = 3.0 * sizeof(float) * Elements;

    private readonly float* _a, _b, _c;

    public TriadBandwidth()
    {
        var bytes = (nuint)Elements * sizeof(float);
        _a = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        _b = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        _c = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        // Each thread first touches the pages it will stream, as STREAM does.
        float* a = _a, b = _b, c = _c;
        Run(Environment.ProcessorCount, (i0, i1) =>
        {
            for (var i = i0; i < i1; i++) { a[i] = 0; b[i] = 1; c[i] = 2; }
        });
    }

    /// <summary>The ceiling as the fastest of many runs, as for the FMA peak: load from other processes only ever slows a run.</summary>
    public static double GigabytesPerSecond(int threads)
    {
        using var triad = new TriadBandwidth();
        return Bytes / triad.Measure(threads, runs: 15).Min / 1e9;
    }

    /// <summary>Seconds per triad over <paramref name="runs"/> samples on <paramref name="threads"/> threads.</summary>
    public Timing Measure(int threads, int runs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        float* a = _a, b = _b, c = _c;
        return MedianTimer.Measure(() => Run(threads, (i0, i1) => Triad(a, b, c, i0, i1)), warmups: 1, runs: runs);
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_a);
        NativeMemory.AlignedFree(_b);
        NativeMemory.AlignedFree(_c);
    }

    private static void Run(int threads, Action<int, int> body) =>
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads },
            t => body((int)((long)Elements * t / threads), (int)((long)Elements * (t + 1) / threads)));

    private static void Triad(float* a, float* b, float* c, int i0, int i1)
    {
        var s = Vector256.Create(3f);
        var i = i0;
        for (; i < i1 && ((nint)(a + i) & 31) != 0; i++) a[i] = b[i] + 3f * c[i]; // non-temporal stores need alignment
        for (; i + 8 <= i1; i += 8) Vector256.StoreAlignedNonTemporal(Vector256.Load(b + i) + s * Vector256.Load(c + i), a + i);
        for (; i < i1; i++) a[i] = b[i] + 3f * c[i];
        Sse.StoreFence();
    }
}
