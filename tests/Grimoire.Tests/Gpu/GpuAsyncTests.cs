using Grimoire.Tests.Conformance;
using Grimoire.Tests.Support;
using GpuDevice = Grimoire.Gpu.Gpu;

namespace Grimoire.Tests.Gpu;

/// <summary>Launches are queued on the device's stream: a chain of ops costs no host wait until its result is read back,
/// device memory comes from the caching allocator after the first pass, and kernels compile once.</summary>
[TestFixture]
public sealed class GpuAsyncTests
{
    private static readonly Device Sim = GpuDevice.Simulator;

    /// <summary>matmul, bias add, tanh, softmax, a reduction, a strided copy and an Adam-free update: the ops of a layer.</summary>
    private static Tensor Chain(Tensor x, Tensor w, Tensor b, int length)
    {
        var h = x;
        for (var i = 0; i < length; i++) h = (h.MatMul(w) + b).Tanh() * 0.5f;
        return h.Softmax(-1).Permute(1, 0).Contiguous().Sum(0);
    }

    [Test]
    public void AChainOfOpsWaitsForTheDeviceOnlyWhenReadBack()
    {
        using var scope = new TensorScope();
        var (x, w, b) = Operands();
        using (new TensorScope()) Chain(x, w, b, 1).ToDoubleArray(); // compile and warm the pool
        var before = GpuDevice.Statistics(Sim);
        var result = Chain(x, w, b, 8);
        var queued = GpuDevice.Statistics(Sim);
        Assert.That(queued.Synchronizations, Is.EqualTo(before.Synchronizations), "no op of the chain waited for the device");
        var values = result.ToDoubleArray();
        Assert.That(GpuDevice.Statistics(Sim).Synchronizations, Is.EqualTo(before.Synchronizations + 1), "reading back waits once");
        using var hostScope = new TensorScope();
        var expected = Chain(x.To(Device.Cpu), w.To(Device.Cpu), b.To(Device.Cpu), 8).ToDoubleArray();
        Compare.Within(values, expected, new Tolerances.Tolerance(1e-5, 1e-5), "chain on gpu-sim vs cpu");
    }

    [Test]
    public void RepeatingAChainAllocatesNoDeviceMemoryAndCompilesNothing()
    {
        using var scope = new TensorScope();
        var (x, w, b) = Operands();
        using (new TensorScope()) Chain(x, w, b, 3).ToDoubleArray();
        var before = GpuDevice.Statistics(Sim);
        for (var i = 0; i < 3; i++)
        {
            using var step = new TensorScope();
            Chain(x, w, b, 3).ToDoubleArray();
        }
        var after = GpuDevice.Statistics(Sim);
        Assert.That(after.DeviceAllocations, Is.EqualTo(before.DeviceAllocations), "every block came from the cache");
        Assert.That(after.PoolReuses, Is.GreaterThan(before.PoolReuses));
        Assert.That(after.KernelsCompiled, Is.EqualTo(before.KernelsCompiled), "kernels are compiled once");
        Assert.That(after.LiveBytes, Is.EqualTo(before.LiveBytes), "every block of the repeats was returned");
    }

    [Test]
    public void ATrainingStepWithLabelsWaitsOnlyForTheLossReadBack()
    {
        using var layer = new Grimoire.Nn.Layers.Linear(5, 3, Activation.Relu, new Rng(2));
        layer.To(Sim);
        using var optimizer = new Grimoire.Nn.Optimizers.Adam(layer.Parameters(), 0.01);
        using var hostX = Tensor.RandN(new Shape(8, 5), rng: new Rng(3));
        using var x = hostX.To(Sim);
        using var labels = Tensor.FromArray(new[] { 0, 1, 2, 0, 1, 2, 0, 1 }).To(Sim);
        Tensor Step()
        {
            optimizer.ZeroGrad();
            var loss = Grimoire.Nn.Losses.CrossEntropy(layer.Forward(x), labels);
            loss.Backward();
            optimizer.Step();
            return loss;
        }
        using (new TensorScope()) Step().Item();
        using var scope = new TensorScope();
        var before = GpuDevice.Statistics(Sim).Synchronizations;
        var losses = Enumerable.Range(0, 3).Select(_ => Step()).ToList();
        Assert.That(GpuDevice.Statistics(Sim).Synchronizations, Is.EqualTo(before), "forward, labels check, backward and Adam queue without waiting");
        Assert.That(losses.Select(l => l.Item()), Has.All.GreaterThan(0.0));
    }

    [Test]
    public void AnOutOfRangeIndexOnTheDeviceIsATypedErrorAtTheNextReadBack()
    {
        using var scope = new TensorScope();
        var table = Tensor.RandN(new Shape(4, 3), rng: new Rng(1)).To(Sim);
        var indices = Tensor.FromArray(new[] { 1, 4, 0 }).To(Sim);
        var rows = table.Gather(0, indices);
        var error = Assert.Throws<ShapeException>(() => rows.ToDoubleArray());
        Assert.That(error!.Message, Does.Contain("gather").And.Contain("[0, 4)"));
        var good = table.Gather(0, Tensor.FromArray(new[] { 3, 0 }).To(Sim)).ToDoubleArray();
        Assert.That(good, Is.EqualTo(table.To(Device.Cpu).ToDoubleArray().Skip(9).Concat(table.To(Device.Cpu).ToDoubleArray().Take(3))).Within(1e-6), "the device works on after the error");
    }

    [Test]
    public void ExplicitSynchronizeIsCounted()
    {
        var before = GpuDevice.Statistics(Sim).Synchronizations;
        DeviceBackends.Synchronize(Sim);
        Assert.That(GpuDevice.Statistics(Sim).Synchronizations, Is.EqualTo(before + 1));
    }

    private static (Tensor X, Tensor W, Tensor B) Operands()
    {
        var rng = new Rng(5);
        Tensor On(Tensor host)
        {
            using (host) return host.To(Sim);
        }
        return (On(Tensor.RandN(new Shape(6, 9), rng: rng)), On(Tensor.RandN(new Shape(9, 9), std: 0.3, rng: rng)), On(Tensor.RandN(new Shape(9), rng: rng)));
    }
}
