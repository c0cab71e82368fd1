namespace Grimoire.Bench;

/// <summary>conv2d through the op graph, as a model runs it: forward, or forward plus backward to input,
/// weight and bias. Outputs are allocated per run, as in training.</summary>
public static class ConvTiming
{
    public static double Gflops(ConvShape s, int threads, bool backward)
    {
        using var x = Tensor.RandN(new Shape(s.Batch, s.InChannels, s.Size, s.Size), rng: new Rng(1));
        using var w = Tensor.RandN(new Shape(s.OutChannels, s.InChannels, s.Kernel, s.Kernel), std: 0.1, rng: new Rng(2));
        using var b = Tensor.Zeros(new Shape(s.OutChannels));
        x.RequiresGrad = w.RequiresGrad = b.RequiresGrad = backward;
        var seconds = KernelTiming.WithThreads(threads, () => MedianTimer.Seconds(() =>
        {
            using var scope = new TensorScope();
            var y = x.Conv2d(w, b, s.Stride, s.Padding);
            if (!backward) return;
            y.Sum().Backward();
            foreach (var t in new[] { x, w, b }) t.ZeroGrad();
        }, warmups: 2, runs: 5));
        return s.ForwardFlops * (backward ? 3 : 1) / seconds / 1e9;
    }
}
