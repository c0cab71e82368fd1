namespace Grimoire.Tests.Tensors;

/// <summary>Storage is released deterministically. Counts are read settled (after finalizers of earlier
/// tests' leaks have run), and tests run one at a time.</summary>
[NonParallelizable]
public class StorageTests
{
    [Test]
    public void DisposeFreesStorageOnceTheLastViewIsGone()
    {
        var before = LiveStorage.Settled();
        var x = Tensor.Zeros(new Shape(4, 4));
        var view = x.Transpose();
        Assert.That(LiveStorage.Settled(), Is.EqualTo(before + 1), "a view shares its base's storage");
        x.Dispose();
        Assert.That(LiveStorage.Settled(), Is.EqualTo(before + 1), "the view still holds it");
        Assert.That(view.ToDoubleArray(), Has.Length.EqualTo(16));
        view.Dispose();
        Assert.That(LiveStorage.Settled(), Is.EqualTo(before));
    }

    [Test]
    public void UsingADisposedTensorThrowsNamingItsShape()
    {
        var x = Tensor.Ones(new Shape(2, 5));
        x.Dispose();
        var e = Assert.Throws<DisposedTensorException>(() => x.Exp());
        Assert.That(e!.Message, Does.Contain("[2, 5]"));
        Assert.DoesNotThrow(x.Dispose, "disposing twice is harmless");
    }

    [Test]
    public void ScopeDisposesEverythingExceptKeptTensors()
    {
        var before = LiveStorage.Settled();
        Tensor kept;
        using (var scope = new TensorScope())
        {
            var x = Tensor.RandN(new Shape(8), rng: new Rng(1));
            var y = (x * 2).Exp() + 1;
            kept = scope.Keep(y.Sum());
            Assert.That(LiveStorage.Settled(), Is.GreaterThan(before + 1));
        }
        Assert.That(LiveStorage.Settled(), Is.EqualTo(before + 1));
        Assert.That(kept.IsDisposed, Is.False);
        kept.Dispose();
        Assert.That(LiveStorage.Settled(), Is.EqualTo(before));
    }

    [Test]
    public void TrainingStepsInScopesLeakNothing()
    {
        var w = Tensor.RandN(new Shape(3, 2), rng: new Rng(2));
        w.RequiresGrad = true;
        var x = Tensor.RandN(new Shape(5, 3), rng: new Rng(3));
        var before = LiveStorage.Settled();
        for (var step = 0; step < 3; step++)
        {
            using var scope = new TensorScope();
            x.MatMul(w).Tanh().Sum().Backward();
            w.ZeroGrad();
        }
        Assert.That(LiveStorage.Settled(), Is.EqualTo(before));
        w.Dispose();
        x.Dispose();
    }
}
