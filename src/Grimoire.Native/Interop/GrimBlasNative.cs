using System.Runtime.InteropServices;

namespace Grimoire.Native.Interop;

/// <summary>The C entry points of libgrimblas (native/include/grimblas.h), unchecked: callers validate first
/// (<see cref="GemmArguments"/>) and turn the status into an exception (<see cref="NativeStatus"/>). Strings come
/// back as <c>byte*</c>: they are static or thread-local in the library, and a <c>string</c> return would free them.</summary>
internal static unsafe partial class GrimBlasNative
{
    public const string Library = "grimblas";

    [LibraryImport(Library)]
    public static partial byte* grimblas_version();

    [LibraryImport(Library)]
    public static partial byte* grimblas_kernel_isa();

    [LibraryImport(Library)]
    public static partial byte* grimblas_status_string(int status);

    [LibraryImport(Library)]
    public static partial byte* grimblas_last_error();

    [LibraryImport(Library)]
    public static partial int grimblas_sgemm(int layout, int transA, int transB, long m, long n, long k, float alpha,
        float* a, long lda, float* b, long ldb, float beta, float* c, long ldc, int threads);

    [LibraryImport(Library)]
    public static partial int grimblas_sgemm_bias_act(int layout, int transA, int transB, long m, long n, long k,
        float* a, long lda, float* b, long ldb, float* bias, int activation, float* c, long ldc, int threads);

    [LibraryImport(Library)]
    public static partial int grimblas_softmax_rows(float* x, float* y, long rows, long cols, int threads);

    [LibraryImport(Library)]
    public static partial int grimblas_log_softmax_rows(float* x, float* y, long rows, long cols, int threads);

    [LibraryImport(Library)]
    public static partial byte* grimblas_vendor_name(int vendor);

    [LibraryImport(Library)]
    public static partial int grimblas_vendor_probe(int vendor);

    [LibraryImport(Library)]
    public static partial byte* grimblas_vendor_path(int vendor);

    [LibraryImport(Library)]
    public static partial byte* grimblas_vendor_version(int vendor);

    [LibraryImport(Library)]
    public static partial int grimblas_vendor_sgemm(int vendor, int layout, int transA, int transB, long m, long n, long k,
        float alpha, float* a, long lda, float* b, long ldb, float beta, float* c, long ldc, int threads);

    /// <summary>A NUL-terminated UTF-8 string owned by the library.</summary>
    public static string Text(byte* text) => Marshal.PtrToStringUTF8((nint)text) ?? "";
}
