namespace Grimoire.Tests.Tensors;

[TestFixture]
public sealed class HostMemoryPoolTests
{
    private const nuint Big = 3 << 20;

    [Test]
    public void AReturnedLargeBlockIsReusedForTheSameSizeClass()
    {
        var pool = new HostMemoryPool(64 << 20);
        var (block, size) = pool.Rent(Big);
        pool.Return(block, size);
        Assert.That(pool.CachedBytes, Is.EqualTo((long)size));
        var (again, sizeAgain) = pool.Rent(Big - 1000);
        Assert.That((again, sizeAgain), Is.EqualTo((block, size)), "a slightly smaller request in the same class gets the cached block");
        Assert.That(pool.CachedBytes, Is.Zero);
        pool.Return(again, sizeAgain);
        pool.Trim();
        Assert.That(pool.CachedBytes, Is.Zero);
    }

    [Test]
    public void ReusingPooledBlocksInducesNoGarbageCollections()
    {
        // Telling the GC about memory on every rent (rather than on fresh allocations) made it collect twice per training step.
        var warm = new HostStorage(DType.Float32, 4 << 20, zeroed: false);
        warm.Release();
        var before = GC.CollectionCount(0);
        for (var i = 0; i < 500; i++) new HostStorage(DType.Float32, 4 << 20, zeroed: false).Release();
        Assert.That(GC.CollectionCount(0) - before, Is.Zero);
    }

    [Test]
    public void NothingIsKeptPastTheCapacityOrBelowTheMinimumSize()
    {
        var pool = new HostMemoryPool(4 << 20);
        var blocks = new[] { pool.Rent(Big), pool.Rent(Big), pool.Rent(1000) };
        foreach (var (block, size) in blocks) pool.Return(block, size);
        Assert.That(pool.CachedBytes, Is.EqualTo((long)blocks[0].Size), "the second large block would pass the 4 MiB cap; the small one is never pooled");
        pool.Trim();
    }

    /// <summary>The boundary the docs state: a block of <see cref="HostMemoryPool.MinPooledBytes"/> (64 KiB) is kept
    /// for reuse, a byte less goes straight back to the allocator.</summary>
    [Test]
    public void TheSmallestPooledBlockIs64KiB()
    {
        Assert.That(HostMemoryPool.MinPooledBytes, Is.EqualTo(64 << 10));
        var pool = new HostMemoryPool(4 << 20);
        var (small, smallSize) = pool.Rent((nuint)HostMemoryPool.MinPooledBytes - 1);
        pool.Return(small, smallSize);
        Assert.That(pool.CachedBytes, Is.Zero, "64 KiB - 1 is not pooled");
        var (block, size) = pool.Rent((nuint)HostMemoryPool.MinPooledBytes);
        pool.Return(block, size);
        Assert.That(pool.CachedBytes, Is.EqualTo(HostMemoryPool.MinPooledBytes), "64 KiB is pooled");
        pool.Trim();
    }

    [Test]
    public void SizeClassesAreAtMostAnEighthAboveTheRequestAndMonotonic()
    {
        nuint previous = 0;
        for (nuint bytes = 1000; bytes < (nuint)1 << 34; bytes = bytes * 9 / 7 + 13)
        {
            var size = HostMemoryPool.SizeClass(bytes);
            Assert.That(size, Is.GreaterThanOrEqualTo(bytes));
            Assert.That((double)size, Is.LessThanOrEqualTo(bytes * 1.125 + 1), $"class of {bytes}");
            Assert.That(size, Is.GreaterThanOrEqualTo(previous));
            previous = size;
        }
    }

    [Test]
    public void ARecycledStorageIsZeroedAgain()
    {
        const int length = 2 << 20; // 8 MiB of floats, a pooled size
        using (var dirty = Tensor.Full(new Shape(length), 7.0)) { }
        using var clean = Tensor.Zeros(new Shape(length));
        Assert.That(clean.ToArray<float>().All(v => v == 0), "a zeroed storage must not show the previous tenant's values");
    }

    [Test]
    public void PeakLiveBytesIsTheMostRentedAtOnceSinceTheLastReset()
    {
        var pool = new HostMemoryPool(capacityBytes: 64 << 20);
        var (a, sizeA) = pool.Rent(3 << 20);
        var (b, sizeB) = pool.Rent(5 << 20);
        pool.Return(a, sizeA);
        Assert.That(pool.PeakLiveBytes, Is.EqualTo((long)(sizeA + sizeB)));
        pool.ResetPeak();
        Assert.That(pool.PeakLiveBytes, Is.EqualTo((long)sizeB), "a reset starts from what is rented now");
        var (c, sizeC) = pool.Rent(1 << 10);
        Assert.That(pool.PeakLiveBytes, Is.EqualTo((long)(sizeB + sizeC)), "small blocks count too");
        pool.Return(b, sizeB);
        pool.Return(c, sizeC);
        pool.Trim();
    }
}
