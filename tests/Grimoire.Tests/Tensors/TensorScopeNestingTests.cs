namespace Grimoire.Tests.Tensors;

/// <summary>Scopes nest: Keep hands a tensor to the enclosing scope, tensors from outside are left alone,
/// and disposing out of order is refused without breaking the scopes.</summary>
public class TensorScopeNestingTests
{
    [Test]
    public void LeavesTensorsCreatedBeforeItAlone()
    {
        using var outside = Tensor.Ones(new Shape(2));
        using (new TensorScope())
        {
            using var inside = outside + 1;
        }
        Assert.That(outside.IsDisposed, Is.False);
    }

    [Test]
    public void KeepHandsTheTensorToTheEnclosingScope()
    {
        Tensor kept;
        using (new TensorScope())
        {
            using (var inner = new TensorScope())
            {
                kept = inner.Keep(Tensor.Ones(new Shape(2)));
            }
            Assert.That(kept.IsDisposed, Is.False, "alive after the inner scope");
        }
        Assert.That(kept.IsDisposed, Is.True, "disposed with the outer scope");
    }

    [Test]
    public void ScopesMustBeDisposedInnermostFirst()
    {
        var outer = new TensorScope();
        var inner = new TensorScope();
        var t = Tensor.Ones(new Shape(2));
        Assert.Throws<InvalidOperationException>(outer.Dispose);
        Assert.That(t.IsDisposed, Is.False);

        // The misuse is recoverable: dispose in the right order and both scopes do their work.
        inner.Dispose();
        Assert.That(t.IsDisposed, Is.True);
        var u = Tensor.Ones(new Shape(2));
        outer.Dispose();
        Assert.That(u.IsDisposed, Is.True, "the outer scope still tracks and disposes its tensors");
    }
}
