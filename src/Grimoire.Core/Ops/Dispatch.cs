using System.Diagnostics;
using Grimoire.Diagnostics;
using Grimoire.Kernels;

namespace Grimoire.Ops;

/// <summary>Finds the kernel for an op and runs it on prepared operands.</summary>
internal static class Dispatch
{
    public static Tensor Run(string op, Tensor output, object? attributes, params ReadOnlySpan<Tensor> inputs)
    {
        ContractCheck.Operands(op, inputs, output, attributes);
        var kernel = KernelRegistry.Resolve(op, output.Device, inputs[0].DType);
        using var access = HostAccess.Enter();
        if (!OpProfile.IsActive)
        {
            kernel.Body(inputs, output, attributes);
            return output;
        }
        var start = Stopwatch.GetTimestamp();
        kernel.Body(inputs, output, attributes);
        OpProfile.Record(op, kernel.Info.Variant, start);
        return output;
    }

    /// <summary>Throws unless every operand lives on the same device.</summary>
    public static void SameDevice(string op, params ReadOnlySpan<Tensor> operands)
    {
        foreach (var t in operands)
        {
            if (t.Device != operands[0].Device)
                throw new DeviceException($"{op}: operands are on different devices ({operands[0].Device} and {t.Device}); move them with To(device)");
        }
    }

    /// <summary>Throws unless every operand has the same dtype.</summary>
    public static void SameDType(string op, params ReadOnlySpan<Tensor> operands)
    {
        foreach (var t in operands)
        {
            if (t.DType != operands[0].DType)
                throw new DTypeException($"{op}: operands have different dtypes ({operands[0].DType.Name()} and {t.DType.Name()}); cast one with To(dtype)");
        }
    }

    public static void Floating(string op, Tensor t)
    {
        if (!t.DType.IsFloating()) throw new DTypeException($"{op} needs a floating tensor (f32 or f64), got {t.DType.Name()}");
    }
}
