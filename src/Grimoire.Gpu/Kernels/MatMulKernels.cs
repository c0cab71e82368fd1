using ILGPU;
using ILGPU.Runtime;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>Batched matmul and the fused dense layer: square output tiles per group (16 x 16 on GPUs, see
/// <see cref="GpuRuntime.MatMulTile"/>), A and B tiles staged in shared memory, operands at any strides (so
/// transposed views cost nothing), bias and activation applied before the single store.</summary>
internal static class MatMulKernels
{

    /// <summary>dims: [m, n, k, a batch/row/col strides, b batch/row/col strides, has bias, activation].</summary>
    [GpuKernel(ExplicitlyGrouped = true)]
    private static void TiledKernel(ArrayView<float> a, ArrayView<float> b, ArrayView<float> bias, ArrayView<float> c, ArrayView<long> dims)
    {
        var aTile = SharedMemory.Allocate<float>(AcceleratorSelector.MaxGroupSize);
        var bTile = SharedMemory.Allocate<float>(AcceleratorSelector.MaxGroupSize);
        int tile = Group.DimX;
        int m = (int)dims[0], n = (int)dims[1], k = (int)dims[2];
        int tx = Group.IdxX, ty = Group.IdxY, batch = Grid.IdxZ;
        var row = Grid.IdxY * tile + ty;
        var col = Grid.IdxX * tile + tx;
        var aBase = batch * dims[3];
        var bBase = batch * dims[6];
        var acc = 0f;
        for (var p0 = 0; p0 < k; p0 += tile)
        {
            aTile[ty * tile + tx] = row < m && p0 + tx < k ? a[aBase + row * dims[4] + (p0 + tx) * dims[5]] : 0f;
            bTile[ty * tile + tx] = col < n && p0 + ty < k ? b[bBase + (p0 + ty) * dims[7] + col * dims[8]] : 0f;
            Group.Barrier();
            for (var p = 0; p < tile; p++) acc += aTile[ty * tile + p] * bTile[p * tile + tx];
            Group.Barrier();
        }
        if (row < m && col < n)
        {
            var z = dims[9] != 0 ? acc + bias[col] : acc;
            c[((long)batch * m + row) * n + col] = ElementFunctions.Activate((int)dims[10], z);
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
        long[] dims = [m, n, k, a.Strides[0], a.Strides[1], a.Strides[2], b.Strides[0], b.Strides[1], b.Strides[2], bias is null ? 0 : 1, (int)activation];
        using var meta = GpuRuntime.Instance.Accelerator.Allocate1D(dims);
        var tile = GpuRuntime.Instance.MatMulTile;
        var grid = new Index3D((n + tile - 1) / tile, (m + tile - 1) / tile, batch);
        var launch = GpuRuntime.Instance.Grouped<Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<long>>>(TiledKernel);
        // An empty k still launches: every output is then bias/activation of zero. B's view needs one element at least.
        launch(GpuTensors.Stream, new KernelConfig(grid, new Index3D(tile, tile, 1)), k == 0 ? GpuTensors.Dense<float>(c) : GpuTensors.From<float>(a),
            k == 0 ? GpuTensors.Dense<float>(c) : GpuTensors.From<float>(b), bias is null ? GpuTensors.Dense<float>(c) : GpuTensors.Dense<float>(bias), GpuTensors.Dense<float>(c), meta.View);
        GpuTensors.Stream.Synchronize();
    }
}
