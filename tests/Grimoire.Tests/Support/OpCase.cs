using Grimoire.Kernels;

namespace Grimoire.Tests.Support;

/// <summary>One generated call of an op: its inputs and how to invoke it.</summary>
public sealed record OpCase(string Op, TensorSpec[] Inputs, Func<Tensor[], Tensor> Invoke, string Call)
{
    /// <summary>Builds the inputs on <paramref name="device"/> (the CPU by default), runs the op and returns the
    /// output as doubles (row-major) with its shape.</summary>
    public (Shape Shape, double[] Values) Run(Device? device = null)
    {
        using var scope = new TensorScope();
        var on = device ?? Device.Cpu;
        var inputs = Inputs.Select(s => s.Build(on)).ToArray();
        var output = Invoke(inputs);
        return (output.Shape, output.To(Device.Cpu).ToDoubleArray());
    }

    /// <summary>The output with kernel <paramref name="variant"/> forced, run on <paramref name="device"/>, and the
    /// reference kernels' output on the host.</summary>
    public ((Shape Shape, double[] Values) Actual, (Shape Shape, double[] Values) Expected) AgainstReference(string variant, Device device)
    {
        (Shape, double[]) actual, expected;
        using (KernelRegistry.Force(Op, variant)) actual = Run(device);
        using (KernelRegistry.Force("*", KernelRegistry.ReferenceVariant)) expected = Run();
        return (actual, expected);
    }

    public override string ToString() => $"{Call} on {string.Join(", ", Inputs.Select(i => i.ToString()))}";
}
