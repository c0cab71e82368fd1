namespace Grimoire.Cpu.Gemm;

/// <summary>
/// A register-blocked Mr x Nr kernel over packed panels. Static abstract members let
/// <see cref="GemmDriver"/> be specialised per kernel with no indirect calls.
/// </summary>
internal unsafe interface IMicroKernel
{
    static abstract int Mr { get; }
    static abstract int Nr { get; }

    /// <summary>
    /// C[0..mr, 0..nr] = alpha * (A panel x B panel) + beta * C, where the A panel is kc steps of Mr floats
    /// and the B panel kc steps of Nr floats (both zero-padded). beta == 0 never reads C.
    /// Only the mr x nr corner of the tile is written.
    /// </summary>
    static abstract void Run(int kc, float* a, float* b, float* c, nint ldc, int mr, int nr, float alpha, float beta);
}
