namespace Grimoire.Native;

/// <summary>Status codes of libgrimblas (native/include/grimblas.h); <see cref="NativeCallException.Status"/> holds one.</summary>
public enum GrimBlasStatus
{
    Ok = 0,
    NullPointer = -1,
    NegativeSize = -2,
    LeadingDimension = -3,
    Overflow = -4,
    BadEnum = -5,
    OutOfMemory = -6,
    Threads = -7,
    VendorUnavailable = -8,
    TooLarge = -9,
}

/// <summary>Storage order of the GEMM operands; the values are CBLAS's, passed through unchanged.</summary>
public enum GemmLayout
{
    RowMajor = 101,
    ColumnMajor = 102,
}

public enum GemmTranspose
{
    None = 111,
    Transpose = 112,
}

/// <summary>Vendor BLAS libraries the native backend can load at run time.</summary>
public enum BlasVendor
{
    OpenBlas = 0,
    Blis = 1,
    Mkl = 2,
}
