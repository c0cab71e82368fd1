using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Cpu.Gemm;

/// <summary>
/// AVX2/FMA 6 x 16 kernel: 12 ymm accumulators + 2 B vectors + 1 broadcast = 15 of the 16 VEX registers.
/// Per k step: 2 B loads, 6 broadcasts, 12 FMAs.
/// </summary>
internal unsafe struct MicroKernel256 : IMicroKernel
{
    public const int Mr = 6;
    public const int Nr = 16;

    // Fetch the C tile this many k steps before the end: early enough to hide an L2/L3 miss, late
    // enough that the A/B streams do not evict it again (C rows with a power-of-two stride all
    // share a few L1 sets). Measured ~3% faster than prefetching at kernel entry.
    private const int CPrefetchSteps = 64;

    static int IMicroKernel.Mr => Mr;
    static int IMicroKernel.Nr => Nr;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, int mr, int nr, float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        // Two loops around the C prefetch keep its test out of the k loop.
        int prefetchAt = Math.Max(0, kc - CPrefetchSteps);
        for (int p = 0; p < prefetchAt; p++)
        {
            Step(ref a, ref b, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
        }

        PrefetchC(c, ldc, mr);
        for (int p = prefetchAt; p < kc; p++)
        {
            Step(ref a, ref b, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
        }

        var tile = new TileWriter256(alpha, beta, nr);
        tile.Row(c, c00, c01); if (mr == 1) return; c += ldc;
        tile.Row(c, c10, c11); if (mr == 2) return; c += ldc;
        tile.Row(c, c20, c21); if (mr == 3) return; c += ldc;
        tile.Row(c, c30, c31); if (mr == 4) return; c += ldc;
        tile.Row(c, c40, c41); if (mr == 5) return; c += ldc;
        tile.Row(c, c50, c51);
    }

    /// <summary>One k step: 2 B loads, 6 broadcasts, 12 FMAs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref float* a, ref float* b, ref Vector256<float> c00, ref Vector256<float> c01,
        ref Vector256<float> c10, ref Vector256<float> c11, ref Vector256<float> c20, ref Vector256<float> c21,
        ref Vector256<float> c30, ref Vector256<float> c31, ref Vector256<float> c40, ref Vector256<float> c41,
        ref Vector256<float> c50, ref Vector256<float> c51)
    {
        Vector256<float> b0 = Vector256.Load(b), b1 = Vector256.Load(b + 8), x;
        x = Vector256.Create(a[0]); c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
        x = Vector256.Create(a[1]); c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
        x = Vector256.Create(a[2]); c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
        x = Vector256.Create(a[3]); c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
        x = Vector256.Create(a[4]); c40 = Fma.MultiplyAdd(x, b0, c40); c41 = Fma.MultiplyAdd(x, b1, c41);
        x = Vector256.Create(a[5]); c50 = Fma.MultiplyAdd(x, b0, c50); c51 = Fma.MultiplyAdd(x, b1, c51);
        a += Mr;
        b += Nr;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchC(float* c, nint ldc, int mr)
    {
        for (int r = 0; r < mr; r++, c += ldc)
        {
            Sse.Prefetch0(c);
            Sse.Prefetch0(c + Nr - 1);
        }
    }
}

/// <summary>
/// Writes 16-wide accumulator rows into C as alpha*acc + beta*C. Columns at or past nr are masked off
/// (vmaskmovps does not fault on masked lanes); beta == 0 never reads C. The masks are built only for an edge tile:
/// a full tile's writer is a few broadcasts, which matters when kc is small (k = 64 is 384 cycles of FMAs per tile).
/// </summary>
internal readonly unsafe struct TileWriter256
{
    private readonly Vector256<float> _alpha, _beta;
    private readonly int _nr;
    private readonly bool _readC, _full;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TileWriter256(float alpha, float beta, int nr)
    {
        _alpha = Vector256.Create(alpha);
        _beta = Vector256.Create(beta);
        _readC = beta != 0;
        _full = nr == 16;
        _nr = nr;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Row(float* c, Vector256<float> x0, Vector256<float> x1)
    {
        if (_full)
        {
            Put(c, x0);
            Put(c + 8, x1);
        }
        else
        {
            PutMasked(c, x0, Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(_nr)).AsSingle());
            PutMasked(c + 8, x1, Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(_nr - 8)).AsSingle());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put(float* c, Vector256<float> x) =>
        Vector256.Store(_readC ? Fma.MultiplyAdd(x, _alpha, _beta * Vector256.Load(c)) : x * _alpha, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PutMasked(float* c, Vector256<float> x, Vector256<float> mask)
    {
        Vector256<float> r = _readC ? Fma.MultiplyAdd(x, _alpha, _beta * Avx.MaskLoad(c, mask)) : x * _alpha;
        Avx.MaskStore(c, mask, r);
    }
}
