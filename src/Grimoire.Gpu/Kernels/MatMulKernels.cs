using ILGPU;
using ILGPU.Runtime;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>Batched SGEMM and the fused dense layer, register-tiled: a group of side × side threads computes a block of
/// (4·side)² outputs (64 x 64 with 16 x 16 threads on a GPU, 16 x 16 with 4 x 4 on the simulator), each thread a 4 x 4
/// tile held in registers. Per step of <see cref="Depth"/> along k, the group stages an A panel and a B panel in shared
/// memory (A transposed so a thread's four rows are one broadcast read each) and every thread does 16 multiply-adds per
/// pair of loads. A thread's rows and columns are strided by the group side, so neighbouring threads touch neighbouring
/// shared-memory banks and store to neighbouring addresses. Operands at any strides (transposed views cost nothing),
/// ragged edges read as zeros and are not stored; bias and activation are applied before the single store.</summary>
internal static class MatMulKernels
{
    /// <summary>Outputs per thread along each axis.</summary>
    private const int ThreadTile = 4;

    /// <summary>The k-slice staged per step.</summary>
    private const int Depth = 8;

    /// <summary>Largest block side: 4 x 16 threads.</summary>
    private const int MaxBlock = ThreadTile * 16;

    /// <summary>CUDA's limit on a grid's z extent: larger batches are launched in slices.</summary>
    private const int MaxGridZ = 65535;

    [GpuKernel(ExplicitlyGrouped = true)]
    private static void TiledKernel(ArrayView<float> a, ArrayView<float> b, ArrayView<float> bias, ArrayView<float> c, GemmLayout g)
    {
        var aPanel = SharedMemory.Allocate<float>(Depth * MaxBlock);
        var bPanel = SharedMemory.Allocate<float>(Depth * MaxBlock);
        int side = Group.DimX, tx = Group.IdxX, ty = Group.IdxY;
        var block = ThreadTile * side;
        int rowBase = Grid.IdxY * block, colBase = Grid.IdxX * block, batch = Grid.IdxZ;
        int thread = ty * side + tx, threads = side * side;
        var aBase = batch * g.ABatch;
        var bBase = batch * g.BBatch;
        var acc = new Tile();
        for (var k0 = 0; k0 < g.K; k0 += Depth)
        {
            // A panel: consecutive threads take consecutive k of one row (contiguous for a row-major A); stored k-major.
            for (var e = thread; e < Depth * block; e += threads)
            {
                int r = e / Depth, kk = e % Depth, row = rowBase + r, k = k0 + kk;
                aPanel[kk * block + r] = row < g.M && k < g.K ? a[aBase + row * g.ARow + k * g.ACol] : 0f;
            }
            // B panel: consecutive threads take consecutive columns of one k (contiguous for a row-major B).
            for (var e = thread; e < Depth * block; e += threads)
            {
                int kk = e / block, col = colBase + e % block, k = k0 + kk;
                bPanel[e] = col < g.N && k < g.K ? b[bBase + k * g.BRow + col * g.BCol] : 0f;
            }
            Group.Barrier();
            for (var kk = 0; kk < Depth; kk++)
            {
                var at = kk * block;
                acc.Add(aPanel[at + ty], aPanel[at + ty + side], aPanel[at + ty + 2 * side], aPanel[at + ty + 3 * side],
                    bPanel[at + tx], bPanel[at + tx + side], bPanel[at + tx + 2 * side], bPanel[at + tx + 3 * side]);
            }
            Group.Barrier();
        }
        for (var i = 0; i < ThreadTile; i++)
        {
            var row = rowBase + ty + i * side;
            if (row >= g.M) break;
            var rowStart = ((long)batch * g.M + row) * g.N;
            for (var j = 0; j < ThreadTile; j++)
            {
                var col = colBase + tx + j * side;
                if (col >= g.N) break;
                var z = acc.Get(i, j);
                if (g.HasBias != 0) z += bias[col];
                c[rowStart + col] = ElementFunctions.Activate(g.Activation, z);
            }
        }
    }

    public static void MatMul(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (MatMulAttributes)attributes!;
        Run(inputs[0], inputs[1], null, output, s.Batch, s.M, s.N, s.K, Activation.None);
    }

    public static void Linear(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (LinearAttributes)attributes!;
        Run(inputs[0], inputs[1], inputs.Length > 2 ? inputs[2] : null, output, 1, s.M, s.N, s.K, s.Activation);
    }

    private static void Run(Tensor a, Tensor b, Tensor? bias, Tensor c, int batch, int m, int n, int k, Activation activation)
    {
        if (batch == 0 || m == 0 || n == 0) return;
        var runtime = GpuTensors.Runtime(c);
        var side = runtime.GemmGroupSide;
        var block = ThreadTile * side;
        var launch = runtime.Grouped<Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmLayout>>(TiledKernel);
        var layout = new GemmLayout
        {
            M = m, N = n, K = k, ABatch = a.Strides[0], ARow = a.Strides[1], ACol = a.Strides[2], BBatch = b.Strides[0], BRow = b.Strides[1], BCol = b.Strides[2],
            HasBias = bias is null ? 0 : 1, Activation = (int)activation,
        };
        // An empty k still launches: every output is then bias/activation of zero. A and B need views of one element at least.
        var (va, vb) = k == 0 ? (GpuTensors.Dense<float>(c), GpuTensors.Dense<float>(c)) : (GpuTensors.From<float>(a), GpuTensors.From<float>(b));
        var (vbias, vc) = (bias is null ? GpuTensors.Dense<float>(c) : GpuTensors.Dense<float>(bias), GpuTensors.Dense<float>(c));
        for (var first = 0; first < batch; first += MaxGridZ)
        {
            var slice = Math.Min(MaxGridZ, batch - first);
            var grid = new Index3D((n + block - 1) / block, (m + block - 1) / block, slice);
            launch(runtime.Stream, new KernelConfig(grid, new Index3D(side, side, 1)),
                k == 0 ? va : GpuTensors.Skip(va, (long)first * layout.ABatch), k == 0 ? vb : GpuTensors.Skip(vb, (long)first * layout.BBatch),
                vbias, GpuTensors.Skip(vc, (long)first * m * n), layout);
        }
    }

    /// <summary>A thread's 4 x 4 outputs as sixteen registers (fields, not an array, so nothing spills to local memory).</summary>
    private struct Tile
    {
        private float _c00, _c01, _c02, _c03, _c10, _c11, _c12, _c13, _c20, _c21, _c22, _c23, _c30, _c31, _c32, _c33;

        /// <summary>The outer product of rows a0..a3 and columns b0..b3 added in: 16 multiply-adds for 8 loads.</summary>
        public void Add(float a0, float a1, float a2, float a3, float b0, float b1, float b2, float b3)
        {
            _c00 += a0 * b0; _c01 += a0 * b1; _c02 += a0 * b2; _c03 += a0 * b3;
            _c10 += a1 * b0; _c11 += a1 * b1; _c12 += a1 * b2; _c13 += a1 * b3;
            _c20 += a2 * b0; _c21 += a2 * b1; _c22 += a2 * b2; _c23 += a2 * b3;
            _c30 += a3 * b0; _c31 += a3 * b1; _c32 += a3 * b2; _c33 += a3 * b3;
        }

        public readonly float Get(int i, int j) => (i * ThreadTile + j) switch
        {
            0 => _c00, 1 => _c01, 2 => _c02, 3 => _c03,
            4 => _c10, 5 => _c11, 6 => _c12, 7 => _c13,
            8 => _c20, 9 => _c21, 10 => _c22, 11 => _c23,
            12 => _c30, 13 => _c31, 14 => _c32, _ => _c33,
        };
    }
}

/// <summary>A GEMM's sizes and operand strides, passed to the kernel by value (public because ILGPU's generated launchers
/// must see it).</summary>
public struct GemmLayout
{
    /// <summary>C is m x n, the product runs over k.</summary>
    public int M, N, K;

    /// <summary>A's batch, row and column strides, then B's.</summary>
    public int ABatch, ARow, ACol, BBatch, BRow, BCol;

    /// <summary>1 when a bias row is added; the <see cref="Grimoire.Activation"/> code applied last.</summary>
    public int HasBias, Activation;
}
