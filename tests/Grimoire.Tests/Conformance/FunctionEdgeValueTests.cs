using Grimoire.Kernels;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>Random values never hit NaN, infinities, signed zeros, subnormals or huge magnitudes; every CPU kernel of the
/// trigonometric, special and activation functions, minimum and maximum must treat them as the reference does
/// (PyTorch's rules: NaN propagates through minimum, maximum and clamp; −∞ gives NaN for gelu and silu). Sin and cos need
/// only stay in [−1, 1] past |x| = 8192, where VMath documents no bound.</summary>
public class FunctionEdgeValueTests
{
    private static readonly double[] EdgeValues =
    [
        0, -0.0, 1, -1, 0.5, -0.5, 20, -20, 100, -100, 88.7, -87.4, 1e-40, -1e-40, 1e-3, -1e-3, 8000, -8000,
        1e30, -1e30, float.MaxValue, float.MinValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    // Repeated past 64 elements so vectorised loops, not only their scalar tails, see every value.
    private const int Repeats = 8;
    private const double TrigonometricRange = 8192;

    private static double[] Repeat(double[] values) => [.. Enumerable.Repeat(values, Repeats).SelectMany(v => v)];

    private static readonly (string Op, string Name, Func<Tensor, Tensor> Call)[] UnaryCases =
    [
        (OpNames.Sin, "sin", x => x.Sin()),
        (OpNames.Cos, "cos", x => x.Cos()),
        (OpNames.Log1p, "log1p", x => x.Log1p()),
        (OpNames.Expm1, "expm1", x => x.Expm1()),
        (OpNames.Erf, "erf", x => x.Erf()),
        (OpNames.Gelu, "gelu", x => x.Gelu()),
        (OpNames.Gelu, "gelu(approximate)", x => x.Gelu(approximate: true)),
        (OpNames.Silu, "silu", x => x.Silu()),
        (OpNames.Softplus, "softplus", x => x.Softplus()),
        (OpNames.Softplus, "softplus(2, 5)", x => x.Softplus(2, 5)),
        (OpNames.Clamp, "clamp(-1, 0.5)", x => x.Clamp(-1, 0.5)),
        (OpNames.Clamp, "clamp(min 0)", x => x.Clamp(min: 0)),
        (OpNames.Clamp, "clamp(1, -1)", x => x.Clamp(1, -1)),
    ];

    private static readonly (string Op, Func<Tensor, Tensor, Tensor> Call)[] BinaryCases =
    [
        (OpNames.Minimum, (a, b) => a.Minimum(b)),
        (OpNames.Maximum, (a, b) => a.Maximum(b)),
    ];

    private static IEnumerable<string> Variants(string op, DType dtype) =>
        KernelRegistry.All.Where(k => k.Info.Op == op && k.Info.DType == dtype && k.Info.IsUsable && k.Info.Device == "cpu" && k.Info.Variant != KernelRegistry.ReferenceVariant)
            .Select(k => k.Info.Variant);

    public static IEnumerable<TestCaseData> Unary() =>
        from c in UnaryCases
        from dtype in new[] { DType.Float32, DType.Float64 }
        from variant in Variants(c.Op, dtype)
        select new TestCaseData(c.Name, dtype, variant).SetName($"Edge values of {c.Name} {dtype.Name()} at {variant}");

    public static IEnumerable<TestCaseData> Binary() =>
        from c in BinaryCases
        from dtype in new[] { DType.Float32, DType.Float64 }
        from variant in Variants(c.Op, dtype)
        select new TestCaseData(c.Op, dtype, variant).SetName($"Edge values of {c.Op} {dtype.Name()} at {variant}");

    [TestCaseSource(nameof(Unary))]
    public void UnaryKernelMatchesTheReference(string name, DType dtype, string variant)
    {
        var (op, _, call) = UnaryCases.Single(c => c.Name == name);
        var x = Repeat(EdgeValues);
        var actual = Run(op, variant, dtype, t => call(t[0]), x);
        var expected = Run(op, KernelRegistry.ReferenceVariant, dtype, t => call(t[0]), x);
        if (op is OpNames.Sin or OpNames.Cos)
        {
            var outside = Enumerable.Range(0, x.Length).Where(i => Math.Abs(x[i]) > TrigonometricRange && double.IsFinite(x[i])).ToArray();
            Assert.That(outside.Select(i => Math.Abs(actual[i])), Is.All.LessThanOrEqualTo(1), $"{name} beyond |x| = {TrigonometricRange}");
            foreach (var i in outside) actual[i] = expected[i];
        }
        Compare.Within(actual, expected, Tolerances.For(op, dtype), $"{name} {dtype.Name()} at {variant} of [{string.Join(", ", EdgeValues)}]");
    }

    [TestCaseSource(nameof(Binary))]
    public void BinaryKernelMatchesTheReference(string op, DType dtype, string variant)
    {
        var call = BinaryCases.Single(c => c.Op == op).Call;
        // Every pair of edge values, so NaN and the infinities meet everything on either side.
        var a = EdgeValues.SelectMany(u => EdgeValues.Select(_ => u)).ToArray();
        var b = EdgeValues.SelectMany(_ => EdgeValues).ToArray();
        var actual = Run(op, variant, dtype, t => call(t[0], t[1]), a, b);
        var expected = Run(op, KernelRegistry.ReferenceVariant, dtype, t => call(t[0], t[1]), a, b);
        Compare.Within(actual, expected, Tolerances.For(op, dtype), $"{op} {dtype.Name()} at {variant}");
    }

    private static double[] Run(string op, string variant, DType dtype, Func<Tensor[], Tensor> call, params double[][] operands)
    {
        using var scope = new TensorScope();
        using var forced = KernelRegistry.Force(op, variant);
        var inputs = operands.Select(v => dtype == DType.Float32 ? Tensor.FromArray(v.Select(d => (float)d).ToArray()) : Tensor.FromArray(v)).ToArray();
        var y = call(inputs);
        return dtype == DType.Float32 ? [.. y.ToArray<float>().Select(f => (double)f)] : y.ToArray<double>();
    }
}
