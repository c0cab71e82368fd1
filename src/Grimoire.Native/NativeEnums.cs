namespace Grimoire.Native;

/// <summary>Status codes of libgrimblas (native/include/grimblas.h); <see cref="NativeCallException.Status"/> holds one.</summary>
public enum GrimBlasStatus
{
    /// <summary>Success.</summary>
    Ok = 0,

    /// <summary>A required pointer is null.</summary>
    NullPointer = -1,

    /// <summary>m, n, k, rows or cols below zero.</summary>
    NegativeSize = -2,

    /// <summary>lda, ldb or ldc smaller than its operand's row length.</summary>
    LeadingDimension = -3,

    /// <summary>An operand's extent does not fit in the address space.</summary>
    Overflow = -4,

    /// <summary>Layout, transpose, activation or vendor out of range.</summary>
    BadEnum = -5,

    /// <summary>A packing buffer could not be allocated.</summary>
    OutOfMemory = -6,

    /// <summary>threads &lt; 1, or a worker thread could not start.</summary>
    Threads = -7,

    /// <summary>The vendor BLAS is not installed or lacks cblas_sgemm.</summary>
    VendorUnavailable = -8,

    /// <summary>A size exceeds the vendor BLAS's 32-bit integers.</summary>
    TooLarge = -9,
}

/// <summary>Storage order of the GEMM operands; the values are CBLAS's, passed through unchanged.</summary>
public enum GemmLayout
{
    /// <summary>Rows stored contiguously: element (i, j) at i·ld + j.</summary>
    RowMajor = 101,

    /// <summary>Columns stored contiguously: element (i, j) at j·ld + i.</summary>
    ColumnMajor = 102,
}

/// <summary>Whether a GEMM operand is used as stored or transposed; the values are CBLAS's, passed through unchanged.</summary>
public enum GemmTranspose
{
    /// <summary>The operand as stored.</summary>
    None = 111,

    /// <summary>The operand's transpose.</summary>
    Transpose = 112,
}

/// <summary>Vendor BLAS libraries the native backend can load at run time.</summary>
public enum BlasVendor
{
    /// <summary>OpenBLAS (libopenblas.so.0 or libopenblas.so).</summary>
    OpenBlas = 0,

    /// <summary>BLIS (libblis.so.4 or libblis.so), through its CBLAS layer.</summary>
    Blis = 1,

    /// <summary>Intel MKL through its single dynamic library (libmkl_rt.so.2 or libmkl_rt.so).</summary>
    Mkl = 2,
}
