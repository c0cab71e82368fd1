using System.Runtime.CompilerServices;
using Grimoire.Cpu.Kernels;
using Grimoire.Cpu.Simd;

namespace Grimoire.Cpu.Gemm;

/// <summary>What a GEMM does to each finished block of C before leaving it: add a bias per column (a dense layer's) or
/// per row (a convolution's, one per output channel) and apply an activation. The driver calls it while the block is
/// still in cache, which is what fusing buys.</summary>
internal readonly unsafe struct Epilogue(float* bias, Activation activation, bool biasPerRow = false)
{
    public readonly float* Bias = bias;
    public readonly Activation Activation = activation;
    public readonly bool BiasPerRow = biasPerRow;

    public bool IsNone => Bias == null && Activation == Activation.None;

    /// <summary>The epilogue of columns [j0, …): a column bias moves with the column slice.</summary>
    public Epilogue FromColumn(int j0) => Bias == null || BiasPerRow ? this : new Epilogue(Bias + j0, Activation);

    /// <summary>The epilogue of rows [i0, …): a row bias moves with the row slice.</summary>
    public Epilogue FromRow(int i0) => Bias == null || !BiasPerRow ? this : new Epilogue(Bias + i0, Activation, biasPerRow: true);

    /// <summary>Applies the epilogue to the rows × cols block at <paramref name="c"/>.</summary>
    internal void Apply(GemmIsa isa, float* c, int ldc, int rows, int cols)
    {
        if (IsNone) return;
        switch (isa)
        {
            case GemmIsa.Avx512: Apply<Vec512, System.Runtime.Intrinsics.Vector512<float>>(c, ldc, rows, cols); break;
            case GemmIsa.Avx2: Apply<Vec256, System.Runtime.Intrinsics.Vector256<float>>(c, ldc, rows, cols); break;
            default: Apply<Vec1, float>(c, ldc, rows, cols); break;
        }
    }

    private void Apply<TW, TV>(float* c, int ldc, int rows, int cols) where TW : IVec<TV> where TV : struct
    {
        switch (Activation)
        {
            case Activation.Relu: Rows<TW, TV, ReluFn>(c, ldc, rows, cols); break;
            case Activation.Sigmoid: Rows<TW, TV, SigmoidFn>(c, ldc, rows, cols); break;
            case Activation.Tanh: Rows<TW, TV, TanhFn>(c, ldc, rows, cols); break;
            default: Rows<TW, TV, IdentityFn>(c, ldc, rows, cols); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Rows<TW, TV, TF>(float* c, int ldc, int rows, int cols)
        where TW : IVec<TV> where TV : struct where TF : IUnaryFunction
    {
        var (zero, zero1) = (TW.Splat(0f), 0f);
        for (var i = 0; i < rows; i++)
        {
            var row = c + (nint)i * ldc;
            var j = 0;
            if (BiasPerRow)
            {
                var (b, b1) = (TW.Splat(Bias[i]), Bias[i]);
                for (; j <= cols - TW.Count; j += TW.Count) TW.Store(row + j, TF.Apply<TW, TV>(TW.Add(TW.Load(row + j), b), zero));
                for (; j < cols; j++) row[j] = TF.Apply<Vec1, float>(row[j] + b1, zero1);
                continue;
            }
            for (; j <= cols - TW.Count; j += TW.Count)
                TW.Store(row + j, TF.Apply<TW, TV>(Bias == null ? TW.Load(row + j) : TW.Add(TW.Load(row + j), TW.Load(Bias + j)), zero));
            for (; j < cols; j++)
                row[j] = TF.Apply<Vec1, float>(Bias == null ? row[j] : row[j] + Bias[j], zero1);
        }
    }

    private struct IdentityFn : IUnaryFunction
    {
        public static TV Apply<TW, TV>(TV x, TV alpha) where TW : IVec<TV> where TV : struct => x;
    }
}
