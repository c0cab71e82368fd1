using Grimoire.Native.Interop;
using static Grimoire.Native.Interop.GrimBlasNative;

namespace Grimoire.Native;

/// <summary>The library's own kernels: SGEMM, SGEMM with a bias/activation epilogue (a dense layer in one pass),
/// and row softmax. Span overloads check every size against the spans first (<see cref="ShapeException"/>); any
/// failure the library reports becomes a <see cref="NativeCallException"/> with its code and description.</summary>
public static unsafe class NativeBlas
{
    /// <summary>Version of the loaded libgrimblas.</summary>
    /// <exception cref="NativeLibraryException">the library is missing.</exception>
    public static string Version
    {
        get
        {
            GrimBlasLibrary.EnsureLoaded();
            return Text(grimblas_version());
        }
    }

    /// <summary>The micro-kernel the library picked for this CPU: "avx512", "avx2" or "scalar".</summary>
    public static string KernelIsa
    {
        get
        {
            GrimBlasLibrary.EnsureLoaded();
            return Text(grimblas_kernel_isa());
        }
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C (BLAS conventions; beta = 0 overwrites C without reading it).</summary>
    public static void Sgemm(GemmLayout layout, GemmTranspose transA, GemmTranspose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, int threads = 1)
    {
        GemmArguments.Validate(nameof(Sgemm), layout, transA, transB, m, n, k, alpha, a.Length, lda, b.Length, ldb, c.Length, ldc, threads);
        fixed (float* pa = a, pb = b, pc = c)
            Sgemm(layout, transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, threads);
    }

    /// <summary>C = act(op(A)·op(B) + bias), <paramref name="bias"/> of length n added to every row (empty for none).</summary>
    public static void SgemmBiasAct(GemmLayout layout, GemmTranspose transA, GemmTranspose transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, ReadOnlySpan<float> bias, Activation activation,
        Span<float> c, int ldc, int threads = 1)
    {
        GemmArguments.Validate(nameof(SgemmBiasAct), layout, transA, transB, m, n, k, 1f, a.Length, lda, b.Length, ldb, c.Length, ldc, threads);
        GemmArguments.Defined(activation);
        if (!bias.IsEmpty && bias.Length != n)
            throw new ShapeException($"{nameof(SgemmBiasAct)}: bias holds {bias.Length} floats, expected n={n} (or none)");
        GrimBlasLibrary.EnsureLoaded();
        fixed (float* pa = a, pb = b, pbias = bias, pc = c)
        {
            NativeStatus.Check(grimblas_sgemm_bias_act((int)layout, (int)transA, (int)transB, m, n, k, pa, lda, pb, ldb,
                bias.IsEmpty ? null : pbias, (int)activation, pc, ldc, threads));
        }
    }

    /// <summary>Softmax of each of <paramref name="rows"/> contiguous rows of <paramref name="cols"/> floats.
    /// <paramref name="y"/> may be <paramref name="x"/> itself.</summary>
    public static void SoftmaxRows(ReadOnlySpan<float> x, Span<float> y, int rows, int cols, int threads = 1) =>
        CheckedRows(nameof(SoftmaxRows), log: false, x, y, rows, cols, threads);

    /// <summary>Log-softmax of each row; as <see cref="SoftmaxRows"/>.</summary>
    public static void LogSoftmaxRows(ReadOnlySpan<float> x, Span<float> y, int rows, int cols, int threads = 1) =>
        CheckedRows(nameof(LogSoftmaxRows), log: true, x, y, rows, cols, threads);

    /// <summary>Unchecked on this side (the C side still checks): only the span overloads call it, after checking.</summary>
    private static void Sgemm(GemmLayout layout, GemmTranspose transA, GemmTranspose transB, long m, long n, long k, float alpha,
        float* a, long lda, float* b, long ldb, float beta, float* c, long ldc, int threads)
    {
        GrimBlasLibrary.EnsureLoaded();
        NativeStatus.Check(grimblas_sgemm((int)layout, (int)transA, (int)transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads));
    }

    private static void Rows(bool log, float* x, float* y, long rows, long cols, int threads)
    {
        GrimBlasLibrary.EnsureLoaded();
        NativeStatus.Check(log ? grimblas_log_softmax_rows(x, y, rows, cols, threads) : grimblas_softmax_rows(x, y, rows, cols, threads));
    }

    private static void CheckedRows(string function, bool log, ReadOnlySpan<float> x, Span<float> y, int rows, int cols, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (rows < 0 || cols < 0) throw new ShapeException($"{function}: rows={rows}, cols={cols}; sizes cannot be negative");
        var count = (long)rows * cols;
        if (x.Length != count || y.Length != count)
            throw new ShapeException($"{function}: {rows} x {cols} needs {count} floats, but x holds {x.Length} and y holds {y.Length}");
        if (x.Overlaps(y, out var offset) && offset != 0)
            throw new ArgumentException($"{function}: x and y overlap at an offset of {offset} floats; they must be the same span or disjoint");
        fixed (float* px = x, py = y)
            Rows(log, px, py, rows, cols, threads);
    }
}
