namespace Grimoire.Tests.Support;

/// <summary>One generated call of an op: its inputs and how to invoke it.</summary>
public sealed record OpCase(string Op, TensorSpec[] Inputs, Func<Tensor[], Tensor> Invoke, string Call)
{
    /// <summary>Builds the inputs, runs the op and returns the output as doubles (row-major) with its shape.</summary>
    public (Shape Shape, double[] Values) Run()
    {
        using var scope = new TensorScope();
        var inputs = Inputs.Select(s => s.Build()).ToArray();
        var output = Invoke(inputs);
        return (output.Shape, output.ToDoubleArray());
    }

    public override string ToString() => $"{Call} on {string.Join(", ", Inputs.Select(i => i.ToString()))}";
}
