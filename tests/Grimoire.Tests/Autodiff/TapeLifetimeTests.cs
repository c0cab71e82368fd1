using Grimoire.Autograd;

namespace Grimoire.Tests.Autodiff;

/// <summary>What a backward pass keeps: its intermediate gradients and the temporaries of each rule are released as
/// soon as they are used, so backward through a 200-step unrolled recurrence needs little memory beyond the forward
/// pass's own; the graph's rules are released afterwards unless retainGraph, and a second pass is then an error.</summary>
public class TapeLifetimeTests
{
    private const int Steps = 200, Batch = 32, Hidden = 128;

    /// <summary>Bytes live after the forward pass, and the most live at once during Backward, for
    /// h ← tanh(h·W + xₜ·U) over <see cref="Steps"/> steps and a loss on the last state.</summary>
    public static (long Forward, long PeakDuringBackward) UnrolledRecurrence()
    {
        using var scope = new TensorScope();
        var rng = new Rng(5);
        var w = Tensor.RandN(new Shape(Hidden, Hidden), std: 0.05, rng: rng);
        var u = Tensor.RandN(new Shape(Hidden, Hidden), std: 0.05, rng: rng);
        w.RequiresGrad = u.RequiresGrad = true;
        var pool = HostMemoryPool.Shared;
        var h = Tensor.Zeros(new Shape(Batch, Hidden));
        for (var t = 0; t < Steps; t++)
        {
            var x = Tensor.RandN(new Shape(Batch, Hidden), rng: rng);
            h = (h.MatMul(w) + x.MatMul(u)).Tanh();
        }
        var loss = (h * h).Sum();
        pool.ResetPeak();
        var forward = pool.PeakLiveBytes;
        loss.Backward();
        return (forward, pool.PeakLiveBytes);
    }

    [Test]
    public void BackwardThroughALongRecurrenceNeedsLittleMoreThanTheForwardPass()
    {
        var (forward, peak) = UnrolledRecurrence();
        var extra = peak - forward;
        TestContext.Out.WriteLine($"{Steps}-step recurrence: {forward / 1e6:F2} MB live after forward, {peak / 1e6:F2} MB at the peak of backward (+{extra / 1e6:F2} MB)");
        // One step's gradients and temporaries are a few [32, 128] and [128, 128] tensors; keeping every step's, as the
        // pass did before, costs about as much again as the forward pass.
        Assert.That(extra, Is.LessThan(forward / 10), $"backward held {extra} bytes beyond the forward pass's {forward}");
    }

    [Test]
    public void ASecondBackwardThroughAReleasedGraphIsAnError()
    {
        using var scope = new TensorScope();
        var x = Leaf(2);
        var y = x.Exp();
        y.Sum().Backward();
        var e = Assert.Throws<AutogradException>(() => (y * 2).Sum().Backward());
        Assert.That(e!.Message, Does.Contain("'exp'").And.Contain("retainGraph"));
    }

    [Test]
    public void RetainGraphKeepsItForAnotherPass()
    {
        using var scope = new TensorScope();
        var x = Leaf(2);
        var loss = (x * x).Sum();
        loss.Backward(retainGraph: true);
        loss.Backward();
        Assert.That(x.Grad!.ToDoubleArray(), Is.EqualTo(new[] { 2 * 2 * 1.5, 2 * 2 * 1.5 }), "two passes add up");
        Assert.Throws<AutogradException>(() => loss.Backward(), "the second pass released it");
    }

    [Test]
    public void TensorsStillAvailableAfterBackwardAreNotDisposedByIt()
    {
        using var scope = new TensorScope();
        var x = Leaf(3);
        var seed = Tensor.Full(new Shape(3), 2, DType.Float64);
        var y = x * 3;
        y.Backward(seed);
        Assert.That((seed.IsDisposed, y.IsDisposed), Is.EqualTo((false, false)));
        Assert.That(x.Grad!.ToDoubleArray(), Is.All.EqualTo(6.0));
    }

    private static Tensor Leaf(int n)
    {
        var t = Tensor.Full(new Shape(n), 1.5, DType.Float64);
        t.RequiresGrad = true;
        return t;
    }
}
