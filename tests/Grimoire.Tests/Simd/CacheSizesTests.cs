using Grimoire.Cpu;

namespace Grimoire.Tests.Simd;

/// <summary>The cache sizes that drive streaming stores and softmax's online form: sysfs's size strings parse, nonsense
/// does not, and whatever the machine reports the sizes are positive and ordered (L2 within the last level).</summary>
public class CacheSizesTests
{
    [TestCase("48K", 48L << 10)]
    [TestCase("1024K", 1L << 20)]
    [TestCase("32M", 32L << 20)]
    [TestCase("65536", 65536L)]
    public void SysfsSizesParse(string text, long bytes) => Assert.That(CacheSizes.ParseSize(text), Is.EqualTo(bytes));

    [TestCase("")]
    [TestCase(null)]
    [TestCase("K")]
    [TestCase("-4K")]
    [TestCase("lots")]
    public void NonsenseIsNotASize(string? text) => Assert.That(CacheSizes.ParseSize(text), Is.Null);

    [Test]
    public void ReportedSizesArePositiveAndOrdered()
    {
        Assert.That(CacheSizes.L2Bytes, Is.GreaterThan(0));
        Assert.That(CacheSizes.LastLevelBytes, Is.GreaterThanOrEqualTo(CacheSizes.L2Bytes));
    }
}
