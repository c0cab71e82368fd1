using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Tests.Conformance;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gpu;

/// <summary>The layers of Grimoire.Nn on the gpu device (ILGPU's CPU simulator here) against the same layers on
/// the host, in float32: outputs, the gradient of every parameter and of the input for L = Σ layer(x)·w, and one
/// optimizer step. The host side is checked against finite differences in NnGradientTests, so this ties the GPU
/// kernels to that check.</summary>
public sealed class GpuLayerTests
{
    private static readonly Device Gpu = Grimoire.Gpu.Gpu.Simulator;
    private static readonly Tolerances.Tolerance Float32Order = new(2e-4, 2e-4);

    public static IEnumerable<TestCaseData> Layers()
    {
        TestCaseData Case(string name, Shape input, Func<Rng, Module> build) => new TestCaseData(input, build).SetName($"Gpu layer {name}");
        foreach (var activation in Enum.GetValues<Activation>())
            yield return Case($"linear {activation}", new Shape(5, 7), rng => new Linear(7, 4, activation, rng));
        yield return Case("conv2d stride 1 pad 1", new Shape(2, 3, 6, 6), rng => new Conv2d(3, 4, 3, padding: 1, rng: rng));
        yield return Case("conv2d stride 2", new Shape(2, 2, 7, 7), rng => new Conv2d(2, 3, 3, stride: 2, rng: rng));
        yield return Case("max pool", new Shape(2, 3, 6, 6), _ => Pool2d.Max(2));
        yield return Case("average pool", new Shape(2, 3, 5, 5), _ => Pool2d.Average(3, stride: 1));
        yield return Case("cnn", new Shape(3, 1, 8, 8), rng => new Sequential(
            new Conv2d(1, 4, 3, padding: 1, rng: rng), new ReLU(), Pool2d.Max(2), new Flatten(), new Linear(4 * 4 * 4, 5, Activation.Tanh, rng)));
        yield return Case("mlp with activations", new Shape(6, 5), rng => new Sequential(
            new Linear(5, 8, Activation.Relu, rng), new LeakyReLU(0.1), new Linear(8, 3, Activation.None, rng), new Sigmoid()));
    }

    [TestCaseSource(nameof(Layers))]
    public void MatchesTheHost(Shape input, Func<Rng, Module> build)
    {
        var host = Run(build, input, Device.Cpu);
        var device = Run(build, input, Gpu);
        Compare.Within(device.Output, host.Output, Float32Order, "output");
        Compare.Within(device.InputGrad, host.InputGrad, Float32Order, "d/d input");
        for (var i = 0; i < host.ParameterGrads.Count; i++)
            Compare.Within(device.ParameterGrads[i], host.ParameterGrads[i], Float32Order, $"d/d parameter {i}");
    }

    [Test]
    public void AdamStepsTheSameOnTheDevice()
    {
        double[] Stepped(Device device)
        {
            using var layer = new Linear(4, 3, Activation.Relu, new Rng(3));
            layer.To(device);
            using var optimizer = new Adam(layer.Parameters(), 0.01);
            using var hostX = Tensor.RandN(new Shape(6, 4), rng: new Rng(4));
            using var x = hostX.To(device);
            using var labels = Tensor.FromArray(new[] { 0, 1, 2, 0, 1, 2 }).To(device);
            for (var step = 0; step < 3; step++)
            {
                using var scope = new TensorScope();
                optimizer.ZeroGrad();
                Losses.CrossEntropy(layer.Forward(x), labels).Backward();
                optimizer.Step();
            }
            return layer.Weight.Value.ToDoubleArray();
        }
        Compare.Within(Stepped(Gpu), Stepped(Device.Cpu), Float32Order, "weights after three Adam steps");
    }

    private sealed record Outcome(double[] Output, double[] InputGrad, IReadOnlyList<double[]> ParameterGrads);

    private static Outcome Run(Func<Rng, Module> build, Shape input, Device device)
    {
        using var model = build(new Rng(1));
        model.To(device);
        using var scope = new TensorScope();
        using var hostX = Tensor.RandN(input, rng: new Rng(2));
        var x = hostX.To(device);
        x.RequiresGrad = true;
        var output = model.Forward(x);
        using var hostW = Tensor.RandN(output.Shape, rng: new Rng(3));
        (output * hostW.To(device)).Sum().Backward();
        return new Outcome(output.ToDoubleArray(), x.Grad!.ToDoubleArray(), model.Parameters().Select(p => p.Grad!.ToDoubleArray()).ToList());
    }
}
