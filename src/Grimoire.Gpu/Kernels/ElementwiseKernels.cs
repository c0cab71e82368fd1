using ILGPU;
using ILGPU.Runtime;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>Unary, broadcast binary and comparison, where, strided copy and cast: one thread per output element.</summary>
internal static class ElementwiseKernels
{
    [GpuKernel]
    private static void UnaryKernel(Index1D index, ArrayView<float> x, ArrayView<float> y, int count, int op, float p, float q)
    {
        int i = index;
        if (i < count) y[i] = ElementFunctions.Unary(op, x[i], p, q);
    }

    [GpuKernel]
    private static void BinaryKernel(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> y, StridedLayout layout, int count, int op)
    {
        int i = index;
        if (i < count) y[i] = ElementFunctions.Binary(op, a[layout.Offset(i, 0)], b[layout.Offset(i, 1)]);
    }

    [GpuKernel]
    private static void WhereKernel(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, ArrayView<float> y, StridedLayout layout, int count)
    {
        int i = index;
        if (i < count) y[i] = c[layout.Offset(i, 2)] != 0f ? a[layout.Offset(i, 0)] : b[layout.Offset(i, 1)];
    }

    [GpuKernel]
    private static void CopyFloat(Index1D index, ArrayView<float> x, ArrayView<float> y, StridedLayout layout, int count)
    {
        int i = index;
        if (i < count) y[layout.Offset(i, 1)] = x[layout.Offset(i, 0)];
    }

    [GpuKernel]
    private static void CopyInt(Index1D index, ArrayView<int> x, ArrayView<int> y, StridedLayout layout, int count)
    {
        int i = index;
        if (i < count) y[layout.Offset(i, 1)] = x[layout.Offset(i, 0)];
    }

    [GpuKernel]
    private static void FloatToInt(Index1D index, ArrayView<float> x, ArrayView<int> y, int count)
    {
        int i = index;
        // Truncation toward zero, saturating like the reference's int.CreateSaturating.
        if (i < count) y[i] = float.IsNaN(x[i]) ? 0 : x[i] >= 2147483647f ? int.MaxValue : x[i] <= -2147483648f ? int.MinValue : (int)x[i];
    }

    [GpuKernel]
    private static void IntToFloat(Index1D index, ArrayView<int> x, ArrayView<float> y, int count)
    {
        int i = index;
        if (i < count) y[i] = x[i];
    }

    [GpuKernel]
    private static void FloatToDouble(Index1D index, ArrayView<float> x, ArrayView<double> y, int count)
    {
        int i = index;
        if (i < count) y[i] = x[i];
    }

    [GpuKernel]
    private static void IntToDouble(Index1D index, ArrayView<int> x, ArrayView<double> y, int count)
    {
        int i = index;
        if (i < count) y[i] = x[i];
    }

    public static KernelBody Unary(string op) => (inputs, output, attributes) =>
    {
        var runtime = GpuTensors.Runtime(output);
        var launch = runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, int, int, float, float>>(UnaryKernel);
        var (p, q) = UnaryParameters.Of(attributes);
        var code = attributes is GeluAttributes { Tanh: true } ? ElementFunctions.GeluTanh : Array.IndexOf(ElementFunctions.UnaryOps, op);
        launch(runtime.Stream, GpuTensors.Extent(output.Size), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(output), output.Size, code, (float)p, (float)q);
    };

    public static KernelBody Binary(string op) => (inputs, output, _) =>
    {
        var runtime = GpuTensors.Runtime(output);
        var launch = runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, StridedLayout, int, int>>(BinaryKernel);
        var (a, b, y) = (GpuTensors.From<float>(inputs[0]), GpuTensors.From<float>(inputs[1]), GpuTensors.Dense<float>(output));
        var code = Array.IndexOf(ElementFunctions.BinaryOps, op);
        StridedBlocks.ForEach([inputs[0], inputs[1]], (in StridedLayout layout, ReadOnlySpan<int> at, int first, int count) =>
            launch(runtime.Stream, GpuTensors.Extent(count), GpuTensors.Skip(a, at[0]), GpuTensors.Skip(b, at[1]), GpuTensors.Skip(y, first), layout, count, code));
    };

    public static void Where(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        var launch = runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, StridedLayout, int>>(WhereKernel);
        var (a, b, c, y) = (GpuTensors.From<float>(inputs[0]), GpuTensors.From<float>(inputs[1]), GpuTensors.From<float>(inputs[2]), GpuTensors.Dense<float>(output));
        StridedBlocks.ForEach(inputs, (in StridedLayout layout, ReadOnlySpan<int> at, int first, int count) =>
            launch(runtime.Stream, GpuTensors.Extent(count), GpuTensors.Skip(a, at[0]), GpuTensors.Skip(b, at[1]), GpuTensors.Skip(c, at[2]), GpuTensors.Skip(y, first), layout, count));
    }

    public static void Copy(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        if (output.DType == DType.Int32) Copy<int>(CopyInt, inputs[0], output);
        else Copy<float>(CopyFloat, inputs[0], output);
    }

    /// <summary>A strided copy from <paramref name="source"/> into <paramref name="output"/>, which may be a strided view too.</summary>
    private static void Copy<T>(Action<Index1D, ArrayView<T>, ArrayView<T>, StridedLayout, int> kernel, Tensor source, Tensor output) where T : unmanaged
    {
        var runtime = GpuTensors.Runtime(output);
        var launch = runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<T>, ArrayView<T>, StridedLayout, int>>(kernel);
        var (x, y) = (GpuTensors.From<T>(source), GpuTensors.From<T>(output));
        StridedBlocks.ForEach([source, output], (in StridedLayout layout, ReadOnlySpan<int> at, int _, int count) =>
            launch(runtime.Stream, GpuTensors.Extent(count), GpuTensors.Skip(x, at[0]), GpuTensors.Skip(y, at[1]), layout, count));
    }

    /// <summary>cast from float32 or int32 (kernels keyed by the input dtype) to float32, int32 or float64.</summary>
    public static void Cast(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        var extent = GpuTensors.Extent(output.Size);
        if (inputs[0].DType == output.DType)
        {
            Copy(inputs, output, attributes);
        }
        else if (output.DType == DType.Int32 && inputs[0].DType == DType.Float32)
        {
            runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<int>, int>>(FloatToInt)(
                runtime.Stream, extent, GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<int>(output), output.Size);
        }
        else if (output.DType == DType.Float32 && inputs[0].DType == DType.Int32)
        {
            runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<float>, int>>(IntToFloat)(
                runtime.Stream, extent, GpuTensors.Dense<int>(inputs[0]), GpuTensors.Dense<float>(output), output.Size);
        }
        else if (output.DType == DType.Float64 && inputs[0].DType == DType.Float32)
        {
            runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<double>, int>>(FloatToDouble)(
                runtime.Stream, extent, GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<double>(output), output.Size);
        }
        else if (output.DType == DType.Float64 && inputs[0].DType == DType.Int32)
        {
            runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<double>, int>>(IntToDouble)(
                runtime.Stream, extent, GpuTensors.Dense<int>(inputs[0]), GpuTensors.Dense<double>(output), output.Size);
        }
        else
        {
            throw new DTypeException($"the gpu backend casts f32 and i32 to each other and to f64, not {inputs[0].DType.Name()} to {output.DType.Name()}; cast on the cpu");
        }
    }
}
