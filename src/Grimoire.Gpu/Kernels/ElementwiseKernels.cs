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
    private static void BinaryKernel(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> y, ArrayView<int> meta, int count, int op)
    {
        int i = index;
        if (i < count) y[i] = ElementFunctions.Binary(op, a[Strided.Offset(i, meta, 0)], b[Strided.Offset(i, meta, 1)]);
    }

    [GpuKernel]
    private static void WhereKernel(Index1D index, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, ArrayView<float> y, ArrayView<int> meta, int count)
    {
        int i = index;
        if (i < count) y[i] = c[Strided.Offset(i, meta, 2)] != 0f ? a[Strided.Offset(i, meta, 0)] : b[Strided.Offset(i, meta, 1)];
    }

    [GpuKernel]
    private static void CopyFloat(Index1D index, ArrayView<float> x, ArrayView<float> y, ArrayView<int> meta, int count)
    {
        int i = index;
        if (i < count) y[Strided.Offset(i, meta, 1)] = x[Strided.Offset(i, meta, 0)];
    }

    [GpuKernel]
    private static void CopyInt(Index1D index, ArrayView<int> x, ArrayView<int> y, ArrayView<int> meta, int count)
    {
        int i = index;
        if (i < count) y[Strided.Offset(i, meta, 1)] = x[Strided.Offset(i, meta, 0)];
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
        var launch = GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, int, int, float, float>>(UnaryKernel);
        var (p, q) = UnaryParameters.Of(attributes);
        var code = attributes is GeluAttributes { Tanh: true } ? ElementFunctions.GeluTanh : Array.IndexOf(ElementFunctions.UnaryOps, op);
        launch(GpuTensors.Stream, GpuTensors.Extent(output.Size), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(output), output.Size, code, (float)p, (float)q);
    };

    public static KernelBody Binary(string op) => (inputs, output, _) =>
    {
        var launch = GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, int>>(BinaryKernel);
        using var meta = GpuTensors.Layout(inputs[0], inputs[1]);
        launch(GpuTensors.Stream, GpuTensors.Extent(output.Size), GpuTensors.From<float>(inputs[0]), GpuTensors.From<float>(inputs[1]), GpuTensors.Dense<float>(output), meta.View, output.Size, Array.IndexOf(ElementFunctions.BinaryOps, op));
        GpuTensors.Stream.Synchronize();
    };

    public static void Where(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var launch = GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, int>>(WhereKernel);
        using var meta = GpuTensors.Layout(inputs[0], inputs[1], inputs[2]);
        launch(GpuTensors.Stream, GpuTensors.Extent(output.Size), GpuTensors.From<float>(inputs[0]), GpuTensors.From<float>(inputs[1]), GpuTensors.From<float>(inputs[2]), GpuTensors.Dense<float>(output), meta.View, output.Size);
        GpuTensors.Stream.Synchronize();
    }

    public static void Copy(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        using var meta = GpuTensors.Layout(inputs[0], output);
        var extent = GpuTensors.Extent(output.Size);
        if (output.DType == DType.Int32)
            GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int>>(CopyInt)(
                GpuTensors.Stream, extent, GpuTensors.From<int>(inputs[0]), GpuTensors.From<int>(output), meta.View, output.Size);
        else
            GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<int>, int>>(CopyFloat)(
                GpuTensors.Stream, extent, GpuTensors.From<float>(inputs[0]), GpuTensors.From<float>(output), meta.View, output.Size);
        GpuTensors.Stream.Synchronize();
    }

    /// <summary>cast from float32 or int32 (kernels keyed by the input dtype) to float32, int32 or float64.</summary>
    public static void Cast(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var extent = GpuTensors.Extent(output.Size);
        if (inputs[0].DType == output.DType)
        {
            Copy(inputs, output, attributes);
        }
        else if (output.DType == DType.Int32 && inputs[0].DType == DType.Float32)
        {
            GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<int>, int>>(FloatToInt)(
                GpuTensors.Stream, extent, GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<int>(output), output.Size);
        }
        else if (output.DType == DType.Float32 && inputs[0].DType == DType.Int32)
        {
            GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<float>, int>>(IntToFloat)(
                GpuTensors.Stream, extent, GpuTensors.Dense<int>(inputs[0]), GpuTensors.Dense<float>(output), output.Size);
        }
        else if (output.DType == DType.Float64 && inputs[0].DType == DType.Float32)
        {
            GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<double>, int>>(FloatToDouble)(
                GpuTensors.Stream, extent, GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<double>(output), output.Size);
        }
        else if (output.DType == DType.Float64 && inputs[0].DType == DType.Int32)
        {
            GpuRuntime.Instance.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<double>, int>>(IntToDouble)(
                GpuTensors.Stream, extent, GpuTensors.Dense<int>(inputs[0]), GpuTensors.Dense<double>(output), output.Size);
        }
        else
        {
            throw new DTypeException($"the gpu backend casts f32 and i32 to each other and to f64, not {inputs[0].DType.Name()} to {output.DType.Name()}; cast on the cpu");
        }
    }
}
