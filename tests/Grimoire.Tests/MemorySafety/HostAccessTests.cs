namespace Grimoire.Tests.MemorySafety;

/// <summary>Raw host pointers exist only while a kernel runs; application code holds a lease, which keeps the memory
/// from being released and handed to another tensor while it reads or writes.</summary>
public class HostAccessTests
{
    [Test]
    public void RawPointersAreRefusedOutsideAKernelCall()
    {
        using var t = Tensor.Ones(new Shape(4));
        Assert.Throws<HostAccessException>(() => t.HostSpan<float>());
        Assert.Throws<HostAccessException>(() => t.HostExtent<float>());
        Assert.Throws<HostAccessException>(() => { unsafe { _ = t.HostPointer<float>(); } });
        var storage = (HostStorage)t.Storage;
        Assert.Throws<HostAccessException>(() => storage.AsSpan<float>());
    }

    [Test]
    public void LeaseReadsAndWritesTheTensor()
    {
        using var t = Tensor.Zeros(new Shape(2, 3));
        using (var lease = t.LeaseHost<float>())
        {
            Assert.That(lease.Length, Is.EqualTo(6));
            lease.Span[4] = 7;
        }
        Assert.That(t.ToArray<float>(), Is.EqualTo(new float[] { 0, 0, 0, 0, 7, 0 }));
    }

    [Test]
    public void LeaseOutlivesTheTensorWithoutSharingItsMemory()
    {
        // Large enough for the pool, which hands a released block of this size class to the next tensor.
        var shape = new Shape(1 << 16);
        var t = Tensor.Full(shape, 3);
        var lease = t.LeaseHost<float>();
        t.Dispose();
        using var next = Tensor.Full(shape, 5);
        Assert.That(lease.Span.ToArray(), Is.All.EqualTo(3f), "the lease still holds the first tensor's memory");
        lease.Span.Fill(9);
        Assert.That(next.ToArray<float>(), Is.All.EqualTo(5f), "writes through the lease reach no other tensor");
        lease.Dispose();
        Assert.Throws<DisposedTensorException>(() => _ = lease.Span.Length);
    }

    [Test]
    public void LeaseNeedsAContiguousHostTensorOfItsType()
    {
        using var scope = new TensorScope();
        var t = Tensor.Zeros(new Shape(2, 3));
        Assert.Throws<ShapeException>(() => t.Transpose().LeaseHost<float>());
        Assert.Throws<DTypeException>(() => t.LeaseHost<double>());
        t.Dispose();
        Assert.Throws<DisposedTensorException>(() => t.LeaseHost<float>());
    }
}
