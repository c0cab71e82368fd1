namespace Grimoire.Tests.Tensors;

/// <summary>Uninitialised storage is poisoned while the suite runs (see <see cref="PoisonedMemorySetup"/>), and
/// storage asked for zeroed is zero even when its pooled block held poison or data before.</summary>
public class UninitializedMemoryTests
{
    private const int Length = 1 << 16; // above the pool's threshold, so blocks are reused

    [Test]
    public void UninitialisedStorageIsPoisoned()
    {
        Assert.That(UninitializedMemory.Poison, Is.True, "the test suite should run with poisoning on");
        using var access = HostAccess.Enter(); // raw storage, as a kernel sees it
        var floats = new HostStorage(DType.Float32, Length, zeroed: false);
        var ints = new HostStorage(DType.Int32, Length, zeroed: false);
        Assert.That(floats.AsSpan<float>().ToArray(), Has.All.NaN);
        Assert.That(ints.AsSpan<int>().ToArray(), Has.All.EqualTo(-1));
        floats.Release();
        ints.Release();
    }

    [Test]
    public void ZeroedStorageIsZeroAfterAPoisonedBlockIsReturned()
    {
        using var access = HostAccess.Enter();
        var used = new HostStorage(DType.Float32, Length, zeroed: false);
        used.AsSpan<float>().Fill(3);
        used.Release();
        var zeroed = new HostStorage(DType.Float32, Length, zeroed: true);
        Assert.That(zeroed.AsSpan<float>().ToArray(), Has.All.EqualTo(0f));
        zeroed.Release();
    }
}
