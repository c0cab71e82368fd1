using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Grimoire.Kernels;

namespace Grimoire.Cpu.Gemm;

/// <summary>
/// Single-precision GEMM, row-major: C = alpha * op(A) * op(B) + beta * C.
/// </summary>
internal static unsafe class Sgemm
{
    // Each extra thread must get at least this much work, or fork/join overhead eats the gain.
    private const long MinFlopsPerThread = 2_000_000;

    // B rows this far apart or more are re-read directly by at most StridedBRowTiles row tiles; a transposed A's
    // stored rows this far apart are packed (see DirectDepth).
    private const int StridedRowBytes = 2048;
    private const int StridedBRowTiles = 4;

    // k at least this many times max(m, n) splits over k (see RunBlocked).
    private const int DepthSplitRatio = 4;

    /// <summary>Whether <paramref name="isa"/> can run on this machine and runtime.</summary>
    public static bool IsSupported(GemmIsa isa) => isa switch
    {
        GemmIsa.Scalar => true,
        GemmIsa.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        GemmIsa.Avx512 => Avx512F.IsSupported && Vector512.IsHardwareAccelerated,
        _ => false,
    };

    /// <summary>
    /// C = epilogue(alpha * op(A) * op(B) + beta * C) with row-major storage. op(A) is m x k: A[i*lda + p], or
    /// A[p*lda + i] when <paramref name="transA"/> (A stored k x m). op(B) is k x n: B[p*ldb + j], or
    /// B[j*ldb + p] when <paramref name="transB"/>. C is m x n with row stride ldc. When beta is 0, C is
    /// overwritten without being read; when k is 0 or alpha is 0, C = beta * C and A, B are not read.
    /// Sizes are the caller's to validate (checked only by Debug.Assert). maxThreads bounds the threads
    /// used; 1 or less runs on the calling thread, and small problems always do. The epilogue (bias per
    /// column, then activation) is applied to each block of C as it is finished.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException"><paramref name="isa"/> is not supported here.</exception>
    public static void Run(GemmIsa isa, bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, int maxThreads, Epilogue epilogue = default)
    {
        Debug.Assert(m >= 0 && n >= 0 && k >= 0, "negative size");
        Debug.Assert(lda >= Math.Max(1, transA ? m : k), "lda too small");
        Debug.Assert(ldb >= Math.Max(1, transB ? k : n), "ldb too small");
        Debug.Assert(ldc >= Math.Max(1, n), "ldc too small");
        Debug.Assert(m == 0 || n == 0 || c != null, "C is null");
        Debug.Assert(m == 0 || n == 0 || k == 0 || alpha == 0 || (a != null && b != null), "A or B is null");

        if (!IsSupported(isa))
        {
            throw new PlatformNotSupportedException(
                $"GEMM ISA {isa} is not supported on this machine or runtime " +
                "(Avx512 needs AVX-512F with hardware-accelerated Vector512; Avx2 needs AVX2 and FMA). " +
                "Check Sgemm.IsSupported first.");
        }

        if (m == 0 || n == 0)
        {
            return;
        }

        var g = new GemmProblem(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, epilogue);
        if (k == 0 || alpha == 0)
        {
            ScaleC(g);
            epilogue.Apply(isa, c, ldc, m, n);
        }
        else
        {
            RunBlocked(isa, g, maxThreads);
        }
    }

    private static void RunDirect(GemmIsa isa, GemmProblem g)
    {
        // The direct kernels stream B rows and read A in place, transposed or not. A transposed B is copied once
        // (k*n floats, small next to m*n*k).
        if (g.TransB)
        {
            float* bt = PackBuffer.ForB((nint)g.K * g.N);
            Transpose.Run(g.B, g.Ldb, g.N, g.K, bt);
            g = g.WithB(bt, g.N);
        }

        if (isa == GemmIsa.Avx512)
        {
            SmallGemm512.Run(g);
        }
        else
        {
            SmallGemm256.Run(g);
        }

        g.Epilogue.Apply(isa, g.C, g.Ldc, g.M, g.N);
    }

    private static void RunBlocked(GemmIsa isa, GemmProblem g, int maxThreads)
    {
        Blocking blk = BlockSizes.For(isa);
        int mTiles = (g.M + blk.Mr - 1) / blk.Mr, nTiles = (g.N + blk.Nr - 1) / blk.Nr;

        // Split the longer side (in tiles) so each thread keeps full-size tiles; every thread packs its own
        // panels, so threads share nothing and need no barriers. When k dwarfs m and n there are too few
        // tiles to share and each thread would pack all of the other operand, so k is split instead.
        bool splitM = mTiles >= nTiles;
        bool splitK = g.K >= DepthSplitRatio * Math.Max(g.M, g.N);
        int tiles = splitM ? mTiles : nTiles;
        long flops = 2L * g.M * g.N * g.K;
        int threads = (int)Math.Min(Math.Min(maxThreads, Environment.ProcessorCount), Math.Min(splitK ? int.MaxValue : tiles, flops / MinFlopsPerThread));
        if (threads <= 1)
        {
            RunSerial(isa, g, blk);
            return;
        }

        if (splitK)
        {
            RunDepthSplit(isa, g, blk, threads);
            return;
        }

        // One chunk of whole tiles per thread (HostParallel tiles [0, tiles) in order).
        int unit = splitM ? blk.Mr : blk.Nr, extent = splitM ? g.M : g.N;
        HostParallel.ForChunks(tiles, threads, (_, first, end) =>
        {
            int start = first * unit, stop = (int)Math.Min(extent, (long)end * unit);
            RunSerial(isa, splitM ? g.RowSlice(start, stop - start) : g.ColSlice(start, stop - start), blk);
        });
    }

    /// <summary>Each thread multiplies one range of k: the first into C (with beta), the others into private m x n
    /// buffers that are then added to C; the epilogue runs once C holds the full sum.</summary>
    private static void RunDepthSplit(GemmIsa isa, GemmProblem g, Blocking blk, int threads)
    {
        nint part = (nint)g.M * g.N;
        var partials = (float*)NativeMemory.AlignedAlloc((nuint)(part * (threads - 1) * sizeof(float)), 64);
        try
        {
            HostParallel.ForChunks(g.K, threads, (t, p0, p1) =>
            {
                RunSerial(isa, t == 0
                    ? g.DepthSlice(p0, p1 - p0, g.C, g.Ldc, g.Beta)
                    : g.DepthSlice(p0, p1 - p0, partials + part * (t - 1), g.N, 0f), blk);
            });
            AddPartials(g, partials, threads - 1);
        }
        finally
        {
            NativeMemory.AlignedFree(partials);
        }

        g.Epilogue.Apply(isa, g.C, g.Ldc, g.M, g.N);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddPartials(in GemmProblem g, float* partials, int count)
    {
        for (int q = 0; q < count; q++)
        {
            for (int i = 0; i < g.M; i++)
            {
                var row = new Span<float>(g.CAt(i, 0), g.N);
                TensorPrimitives.Add(row, new ReadOnlySpan<float>(partials + ((nint)q * g.M + i) * g.N, g.N), row);
            }
        }
    }

    private static void RunSerial(GemmIsa isa, in GemmProblem g, in Blocking blk)
    {
        if (isa != GemmIsa.Scalar && DirectDepth(g, blk) is int depth)
        {
            RunDirectBlocks(isa, g, depth);
            return;
        }

        switch (isa)
        {
            case GemmIsa.Avx512:
                GemmDriver.Run<MicroKernel512>(isa, g, blk);
                break;
            case GemmIsa.Avx2:
                GemmDriver.Run<MicroKernel256>(isa, g, blk);
                break;
            default:
                GemmDriver.Run<MicroKernelScalar>(isa, g, blk);
                break;
        }
    }

    /// <summary>
    /// The k block for the direct kernels, or null when packing wins. Packing copies A to serve only n/Nr column tiles
    /// and B to serve only m/Mr row tiles; the direct kernels copy nothing but re-read B for every row tile, so they run
    /// in k blocks whose slice of B stays in L2 (at most half of it, the rest for A rows and C). A block must be at
    /// least Kc deep (or all of k), or the C tile's load and store per block stops being small next to its FMAs. When
    /// B's rows are 2 KiB or more apart, one column tile's lines crowd one or two L1 sets per 4 KiB and each strided
    /// re-read costs more than reading a packed panel, so only products of at most <see cref="StridedBRowTiles"/> row
    /// tiles run direct. The direct kernels read a transposed A in place, one stored row per k step, so its rows must be
    /// under 2 KiB apart too (AVX2 32x4096x64 with A transposed: packed 63-80 GFLOP/s, direct after a copy 47-55: the
    /// copy's power-of-two stride thrashed, direct in place 105-107; 256x256x64: packed 95-98, direct 111).
    /// One thread, CPU time, packed → direct GFLOP/s (probe of both paths on one shape), AVX2: 1024x1024x64 107 → 121,
    /// 128x784x256 110 → 121, 256³ 119 → 125, 24x256x512 93 → 121, 64x3136x32 64 → 95-110, 32x4096x64 (two blocks)
    /// 69-78 → 102-103 (112-115 with SmallGemm256's 4-row tiles); AVX-512: 1024x1024x64 190 → 223, 256³ 210 → 223,
    /// 32x4096x64 120 → 190. Kept packed: B rows 2-4 KiB apart over many row tiles, AVX2 64x128x1024 107 vs 87 direct,
    /// 48x64x1024 104 vs 90, 128x256x512 131 vs 119; blocks shallower than Kc, 512³ 116 vs 107.
    /// </summary>
    private static int? DirectDepth(in GemmProblem g, in Blocking blk)
    {
        if (g.N * sizeof(float) >= StridedRowBytes && g.M > StridedBRowTiles * blk.Mr) return null;
        if (g.TransA && (long)g.Lda * sizeof(float) >= StridedRowBytes) return null;
        long halfL2 = CpuCaches.Current.L2OrDefault / 2;
        long fits = halfL2 / ((long)g.N * sizeof(float));
        if (fits < Math.Min(blk.Kc, g.K)) return null;
        long blocks = (g.K + fits - 1) / fits;
        return (int)((g.K + blocks - 1) / blocks);
    }

    /// <summary>The direct kernels over k blocks of <paramref name="depth"/>: later blocks accumulate onto the first; the
    /// epilogue runs once C holds the full sum.</summary>
    private static void RunDirectBlocks(GemmIsa isa, in GemmProblem g, int depth)
    {
        if (depth >= g.K)
        {
            RunDirect(isa, g);
            return;
        }

        for (int p0 = 0; p0 < g.K; p0 += depth)
        {
            RunDirect(isa, g.DepthSlice(p0, Math.Min(depth, g.K - p0), g.C, g.Ldc, p0 == 0 ? g.Beta : 1f));
        }

        g.Epilogue.Apply(isa, g.C, g.Ldc, g.M, g.N);
    }

    /// <summary>C = beta * C; beta == 0 clears C without reading it.</summary>
    private static void ScaleC(in GemmProblem g)
    {
        for (int i = 0; i < g.M; i++)
        {
            var row = new Span<float>(g.CAt(i, 0), g.N);
            if (g.Beta == 0)
            {
                row.Clear();
            }
            else if (g.Beta != 1)
            {
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] *= g.Beta;
                }
            }
        }
    }
}
