using Grimoire.Native.Interop;
using static Grimoire.Native.Interop.GrimBlasNative;

namespace Grimoire.Native;

/// <summary>What the library found of one vendor BLAS: the file loaded and its version string, or why it is unusable.</summary>
public sealed record VendorInfo(BlasVendor Vendor, string Name, string? Path, string? Version, string? UnavailableReason)
{
    /// <summary>True when the vendor loaded and has cblas_sgemm.</summary>
    public bool IsAvailable => UnavailableReason is null;
}

/// <summary>cblas_sgemm of a vendor BLAS (OpenBLAS, BLIS, MKL) that libgrimblas loads with dlopen on first use, so
/// nothing links against one and machines without any still run everything else.</summary>
public static unsafe class VendorBlas
{
    private static readonly Lazy<VendorInfo>[] s_probes =
        [.. Enum.GetValues<BlasVendor>().Select(v => new Lazy<VendorInfo>(() => Load(v)))];

    /// <summary>Lower-case name used in kernel variants ("openblas", "blis", "mkl").</summary>
    public static string Name(BlasVendor vendor) => vendor.ToString().ToLowerInvariant();

    /// <summary>Loads the vendor once; later calls return the same answer.</summary>
    public static VendorInfo Probe(BlasVendor vendor)
    {
        GemmArguments.Defined(vendor);
        return s_probes[(int)vendor].Value;
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C through the vendor; arguments as <see cref="NativeBlas.Sgemm(GemmLayout, GemmTranspose, GemmTranspose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, int)"/>.</summary>
    /// <exception cref="NativeCallException">the vendor is not installed (status <see cref="GrimBlasStatus.VendorUnavailable"/>).</exception>
    public static void Sgemm(BlasVendor vendor, GemmLayout layout, GemmTranspose transA, GemmTranspose transB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, int threads = 1)
    {
        GemmArguments.Defined(vendor);
        GemmArguments.Validate(nameof(Sgemm), layout, transA, transB, m, n, k, alpha, a.Length, lda, b.Length, ldb, c.Length, ldc, threads);
        fixed (float* pa = a, pb = b, pc = c)
            Sgemm(vendor, layout, transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, threads);
    }

    /// <summary>Unchecked on this side (the C side still checks): only the span overload calls it, after checking.</summary>
    private static void Sgemm(BlasVendor vendor, GemmLayout layout, GemmTranspose transA, GemmTranspose transB, long m, long n, long k,
        float alpha, float* a, long lda, float* b, long ldb, float beta, float* c, long ldc, int threads)
    {
        GrimBlasLibrary.EnsureLoaded();
        NativeStatus.Check(grimblas_vendor_sgemm((int)vendor, (int)layout, (int)transA, (int)transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads));
    }

    private static VendorInfo Load(BlasVendor vendor)
    {
        var name = Name(vendor);
        if (GrimBlasLibrary.UnavailableReason is { } missing) return new VendorInfo(vendor, name, null, null, missing);
        // The failure text is per thread in the library, so it is read right after the probe on the same thread.
        if (grimblas_vendor_probe((int)vendor) != (int)GrimBlasStatus.Ok)
            return new VendorInfo(vendor, name, null, null, Text(grimblas_last_error()));
        return new VendorInfo(vendor, name, Text(grimblas_vendor_path((int)vendor)), Text(grimblas_vendor_version((int)vendor)), null);
    }
}
