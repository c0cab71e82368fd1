using Grimoire.Kernels;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;

namespace Grimoire.Tests.Registry;

/// <summary>Independent training loops on eight threads at once, half of them forcing the AVX2 kernels: each ends with
/// exactly the parameters the same loop reaches alone. Dispatch resolves kernels through a cache that every thread
/// reads while others fill it; a reader that saw a half-written entry, or a force leaking between threads, would
/// change some thread's result.</summary>
public class ConcurrentDispatchTests
{
    private const int Threads = 8;

    [Test]
    public void TrainingLoopsOnEightThreadsMatchTheirSingleThreadedRuns()
    {
        // Together first, so the threads also race to fill the resolve cache for the forced and plain keys.
        var together = new float[Threads][];
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            together[i] = Train(i);
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        var alone = Enumerable.Range(0, Threads).Select(Train).ToArray();
        for (var i = 0; i < Threads; i++) Assert.That(together[i], Is.EqualTo(alone[i]), $"loop {i}");
    }

    /// <summary>A 16-32-4 MLP, Adam, 30 steps of MSE on data drawn from seed <paramref name="seed"/>; its final parameters.</summary>
    private static float[] Train(int seed)
    {
        using var forced = seed % 2 == 1 ? KernelRegistry.Force("*", "avx2") : null;
        using var scope = new TensorScope();
        var rng = new Rng((ulong)seed + 1);
        var model = new Sequential(new Linear(16, 32, Activation.Relu, rng), new Linear(32, 4, rng: rng));
        using var optimizer = new Adam(model.Parameters(), 0.01);
        var x = Tensor.RandN(new Shape(64, 16), rng: rng);
        var y = Tensor.RandN(new Shape(64, 4), rng: rng);
        for (var step = 0; step < 30; step++)
        {
            using var stepScope = new TensorScope();
            optimizer.ZeroGrad();
            model.Forward(x).Mse(y).Backward();
            optimizer.Step();
        }
        return [.. model.Parameters().SelectMany(p => p.Value.ToArray<float>())];
    }
}
