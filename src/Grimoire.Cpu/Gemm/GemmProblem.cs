namespace Grimoire.Cpu.Gemm;

/// <summary>
/// One SGEMM call's operands: C = epilogue(Alpha*op(A)*op(B) + Beta*C), row-major. Slicing gives the
/// sub-problem of a band of C rows or columns, which is how work is split between threads.
/// </summary>
internal readonly unsafe struct GemmProblem(
    bool transA, bool transB, int m, int n, int k, float alpha,
    float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, Epilogue epilogue)
{
    public readonly bool TransA = transA, TransB = transB;
    public readonly int M = m, N = n, K = k;
    public readonly float Alpha = alpha, Beta = beta;
    public readonly float* A = a, B = b, C = c;
    public readonly int Lda = lda, Ldb = ldb, Ldc = ldc;
    public readonly Epilogue Epilogue = epilogue;

    /// <summary>Address of op(A)[i, p].</summary>
    public float* AAt(int i, int p) => TransA ? A + (nint)p * Lda + i : A + (nint)i * Lda + p;

    /// <summary>Address of op(B)[p, j].</summary>
    public float* BAt(int p, int j) => TransB ? B + (nint)j * Ldb + p : B + (nint)p * Ldb + j;

    /// <summary>Distance between op(A)[i, p] and op(A)[i + 1, p].</summary>
    public nint ARowStep => TransA ? 1 : Lda;

    /// <summary>Distance between op(A)[i, p] and op(A)[i, p + 1].</summary>
    public nint ADepthStep => TransA ? Lda : 1;

    public float* CAt(int i, int j) => C + (nint)i * Ldc + j;

    /// <summary>Rows [i0, i0+rows) of C and op(A); B is shared.</summary>
    public GemmProblem RowSlice(int i0, int rows) =>
        new(TransA, TransB, rows, N, K, Alpha, AAt(i0, 0), Lda, B, Ldb, Beta, CAt(i0, 0), Ldc, Epilogue.FromRow(i0));

    /// <summary>Columns [j0, j0+cols) of C and op(B); A is shared.</summary>
    public GemmProblem ColSlice(int j0, int cols) =>
        new(TransA, TransB, M, cols, K, Alpha, A, Lda, BAt(0, j0), Ldb, Beta, CAt(0, j0), Ldc, Epilogue.FromColumn(j0));

    /// <summary>The partial product over inner indices [p0, p0+depth) only, into <paramref name="c"/> (row stride
    /// <paramref name="ldc"/>) scaled by <paramref name="beta"/>, with no epilogue: one share of a split over k.</summary>
    public GemmProblem DepthSlice(int p0, int depth, float* c, int ldc, float beta) =>
        new(TransA, TransB, M, N, depth, Alpha, AAt(0, p0), Lda, BAt(p0, 0), Ldb, beta, c, ldc, default);

    /// <summary>The same problem with op(B) replaced by a non-transposed k x n matrix.</summary>
    public GemmProblem WithB(float* b, int ldb) =>
        new(TransA, false, M, N, K, Alpha, A, Lda, b, ldb, Beta, C, Ldc, Epilogue);
}
