using ILGPU;
using ILGPU.Runtime;

namespace Grimoire.Gpu.Kernels;

/// <summary>Writes a one-element storage from a kernel argument. Scalar constants (x * 0.5, a mask threshold) become
/// one-element device tensors; filling them by a launch keeps them off the copy path, so they cost no host-to-device
/// transfer and no staging.</summary>
internal static class FillKernels
{
    [GpuKernel]
    private static void FillFloat(Index1D index, ArrayView<float> y, float value) => y[index] = value;

    [GpuKernel]
    private static void FillDouble(Index1D index, ArrayView<double> y, double value) => y[index] = value;

    [GpuKernel]
    private static void FillInt(Index1D index, ArrayView<int> y, int value) => y[index] = value;

    /// <summary>Sets the single element of <paramref name="destination"/> to that of <paramref name="source"/>.</summary>
    public static void One(HostStorage source, GpuStorage destination)
    {
        var runtime = destination.Runtime;
        switch (source.DType)
        {
            case DType.Float32:
                runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, float>>(FillFloat)(runtime.Stream, 1, destination.View<float>(), source.AsSpan<float>()[0]);
                break;
            case DType.Float64:
                runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<double>, double>>(FillDouble)(runtime.Stream, 1, destination.View<double>(), source.AsSpan<double>()[0]);
                break;
            default:
                runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<int>, int>>(FillInt)(runtime.Stream, 1, destination.View<int>(), source.AsSpan<int>()[0]);
                break;
        }
    }
}
