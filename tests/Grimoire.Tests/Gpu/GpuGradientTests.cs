using FsCheck;
using FsCheck.Fluent;
using Grimoire.Gpu;
using Grimoire.Tests.Conformance;
using Grimoire.Tests.Gradients;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gpu;

/// <summary>Autodiff on device tensors: every gradient case of <see cref="GradCases"/> run in float32 on the gpu
/// device (ILGPU's CPU simulator here) must give the gradients the same graph gives on the host. The host side is
/// itself checked against finite differences (<see cref="FiniteDifferenceTests"/>), so this ties the GPU kernels'
/// backward graphs to that check without a float64 GPU path.</summary>
[TestFixture]
public sealed class GpuGradientTests
{
    private const int CasesPerOp = 4;
    private static readonly Tolerances.Tolerance Float32Order = new(1e-4, 1e-4);

    public static IEnumerable<TestCaseData> Ops() => GradCases.ByName.Keys.Select(k => new TestCaseData(k).SetName($"Gpu gradient {k}"));

    [TestCaseSource(nameof(Ops))]
    public void MatchesTheHostGradients(string name)
    {
        var property = Prop.ForAll(Arb.From(GradCases.ByName[name]), Check);
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(CasesPerOp).WithQuietOnSuccess(true), property);
    }

    private static void Check(GradCase c)
    {
        var specs = c.Inputs.Select(s => s.DType == DType.Int32 ? s : s.With(DType.Float32)).ToArray();
        var host = Gradients(c, specs, Device.Cpu);
        var device = Gradients(c, specs, Grimoire.Gpu.Gpu.Simulator);
        for (var i = 0; i < host.Length; i++)
        {
            if (host[i] is null) continue;
            Assert.That(device[i], Is.Not.Null, $"{c}: input {i} received no gradient on the gpu");
            Compare.Within(device[i]!, host[i]!, Float32Order, $"gpu d/d(input {i}) of {c}");
        }
    }

    /// <summary>Gradients of Σ f(x)·w for each input (null where it is not differentiable), computed on <paramref name="device"/>.</summary>
    private static double[]?[] Gradients(GradCase c, TensorSpec[] specs, Device device)
    {
        using var scope = new TensorScope();
        var inputs = specs.Select((s, i) =>
        {
            using var built = s.Build();
            var t = built.To(device);
            t.RequiresGrad = c.IsDifferentiable(i);
            return t;
        }).ToArray();
        var output = c.F(inputs);
        Assert.That(output.Device, Is.EqualTo(device), "the graph runs where its inputs are");
        using var hostWeights = Tensor.RandN(output.Shape, rng: new Rng(7), dtype: DType.Float32);
        var weights = hostWeights.To(device);
        (output * weights).Sum().Backward();
        return inputs.Select((t, i) => c.IsDifferentiable(i) ? t.Grad!.ToDoubleArray() : null).ToArray();
    }
}
