namespace Grimoire.Native;

/// <summary>Managed-side checks of GEMM arguments, run before any pointer crosses into the library: the same BLAS
/// rules the C side enforces (it checks again), plus what only managed code knows, the lengths of the spans.</summary>
internal static class GemmArguments
{
    /// <exception cref="ArgumentOutOfRangeException">an enum value is undefined, or threads &lt; 1.</exception>
    /// <exception cref="ShapeException">a negative size, a leading dimension below its operand's row length, or a span
    /// shorter than the operand it should hold.</exception>
    public static void Validate(string function, GemmLayout layout, GemmTranspose transA, GemmTranspose transB,
        int m, int n, int k, float alpha, int aLength, int lda, int bLength, int ldb, int cLength, int ldc, int threads)
    {
        Defined(layout);
        Defined(transA);
        Defined(transB);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (m < 0 || n < 0 || k < 0) throw new ShapeException($"{function}: m={m}, n={n}, k={k}; sizes cannot be negative");

        // A column-major r x c matrix is stored like a row-major c x r one.
        var rowMajor = layout == GemmLayout.RowMajor;
        var aRowsAreM = (transA == GemmTranspose.None) == rowMajor;
        var bRowsAreK = (transB == GemmTranspose.None) == rowMajor;
        var productNeeded = m > 0 && n > 0 && k > 0 && alpha != 0;
        Operand(function, "A", "lda", aRowsAreM ? m : k, aRowsAreM ? k : m, lda, aLength, productNeeded);
        Operand(function, "B", "ldb", bRowsAreK ? k : n, bRowsAreK ? n : k, ldb, bLength, productNeeded);
        Operand(function, "C", "ldc", rowMajor ? m : n, rowMajor ? n : m, ldc, cLength, m > 0 && n > 0);
    }

    public static void Defined<T>(T value) where T : struct, Enum
    {
        if (!Enum.IsDefined(value)) throw new ArgumentOutOfRangeException(typeof(T).Name, value, $"not a defined {typeof(T).Name}");
    }

    private static void Operand(string function, string name, string ldName, int storedRows, int storedCols, int ld, int length, bool needed)
    {
        var rowLength = Math.Max(1, storedCols);
        if (ld < rowLength)
            throw new ShapeException($"{function}: {ldName}={ld} is below {rowLength}, the length of a stored row of {name} ({storedRows} x {storedCols})");
        if (!needed || storedRows == 0 || storedCols == 0) return;
        var required = (long)(storedRows - 1) * ld + storedCols;
        if (length < required)
            throw new ShapeException($"{function}: {name} holds {length} floats, but {storedRows} x {storedCols} with {ldName}={ld} needs {required}");
    }
}
