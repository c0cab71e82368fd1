using Grimoire.Cpu;
using Grimoire.Cpu.Gemm;

namespace Grimoire.Tests.Gemm;

/// <summary>The cache blocking arithmetic on the caches of known cores, and the decoding of what CPUID and sysfs report.</summary>
internal sealed class BlockSizesTests
{
    private const long K = 1024, M = 1024 * 1024;

    // Zen 3: 32 KiB L1d, 512 KiB L2, 32 MiB L3 per 8-core CCX (16 threads). Zen 4: 32 KiB / 1 MiB; Zen 5: 48 KiB / 1 MiB.
    // Sapphire Rapids: 48 KiB L1d, 2 MiB L2, 105 MiB L3 over 56 cores (112 threads).
    private static readonly CpuCaches Zen3 = new(32 * K, 512 * K, 32 * M, 16, "test");
    private static readonly CpuCaches Zen4 = new(32 * K, 1 * M, 32 * M, 16, "test");
    private static readonly CpuCaches Zen5 = new(48 * K, 1 * M, 32 * M, 16, "test");
    private static readonly CpuCaches SapphireRapids = new(48 * K, 2 * M, 105 * M, 112, "test");

    [TestCase(6, 16, 32, 512, 272, 240, 1920)] // AVX2 6x16 on Zen 3: 22 KiB of L1 for the panels, 255 KiB A block
    [TestCase(6, 16, 48, 1024, 416, 312, 1248)] // AVX2 on Zen 5
    [TestCase(12, 32, 32, 1024, 128, 1020, 4096)] // AVX-512 12x32 on Zen 4
    [TestCase(12, 32, 48, 1024, 208, 624, 2496)] // AVX-512 on Zen 5
    public void ZenBlocksFollowTheCacheSizes(int mr, int nr, int l1Kib, int l2Kib, int kc, int mc, int nc)
    {
        var caches = new CpuCaches(l1Kib * K, l2Kib * K, 32 * M, 16, "test");
        Assert.That(BlockSizes.Derive(mr, nr, caches), Is.EqualTo(new Blocking(mr, nr, kc, mc, nc)));
    }

    [Test]
    public void EveryBlockingFitsItsCacheLevelAndTiles()
    {
        foreach (var caches in new[] { Zen3, Zen4, Zen5, SapphireRapids, CpuCaches.Default })
        {
            foreach (var (mr, nr) in new[] { (6, 16), (12, 32), (8, 32), (4, 4) })
            {
                var b = BlockSizes.Derive(mr, nr, caches);
                var at = $"{mr}x{nr} on {caches}: {b}";
                Assert.That((mr + nr) * b.Kc * sizeof(float), Is.LessThanOrEqualTo(caches.L1Data * 3 / 4), at);
                Assert.That(b.Kc % 16, Is.Zero, at);
                Assert.That((long)b.Mc * b.Kc * sizeof(float), Is.LessThanOrEqualTo(caches.L2 / 2), at);
                Assert.That(b.Mc % mr, Is.Zero, at);
                Assert.That(b.Mc, Is.GreaterThan(0), at);
                Assert.That((long)b.Kc * b.Nc * sizeof(float), Is.LessThanOrEqualTo(Math.Max(caches.L3PerCore, 256L * b.Kc * sizeof(float))), at);
                Assert.That(b.Nc % nr, Is.Zero, at);
            }
        }
    }

    [Test]
    public void UnreportedLevelsUseTheDefaultCaches()
    {
        var unknown = new CpuCaches(0, 0, 0, 1, "test");
        Assert.That(BlockSizes.Derive(6, 16, unknown), Is.EqualTo(BlockSizes.Derive(6, 16, CpuCaches.Default)));
    }

    [Test]
    public void TinyAndHugeCachesStayInsideTheClamps()
    {
        var tiny = BlockSizes.Derive(12, 32, new CpuCaches(4 * K, 16 * K, 64 * K, 1, "test"));
        Assert.That((tiny.Kc, tiny.Mc, tiny.Nc), Is.EqualTo((64, 24, 256)));
        var huge = BlockSizes.Derive(4, 4, new CpuCaches(1 * M, 64 * M, 1024 * M, 1, "test"));
        Assert.That((huge.Kc, huge.Mc, huge.Nc), Is.EqualTo((512, 4096, 8192)));
    }

    [Test]
    public void CpuidCacheLeavesDecodeToSizes()
    {
        // Zen 5 as leaf 0x8000001D reports it: L1d 12 ways x 64 sets x 64 B, L1i, L2 16 ways x 1024 sets, L3 16 ways x
        // 32768 sets shared by 16.
        static (int, int, int) Leaf(int type, int level, int sharing, int ways, int sets) =>
            (type | level << 5 | (sharing - 1) << 14, 63 | (ways - 1) << 22, sets - 1);
        var leaves = new[] { Leaf(1, 1, 2, 12, 64), Leaf(2, 1, 2, 8, 64), Leaf(3, 2, 2, 16, 1024), Leaf(3, 3, 16, 16, 32768) };
        Assert.That(CpuCaches.FromCacheLeaves(leaves, "cpuid"), Is.EqualTo(new CpuCaches(48 * K, 1 * M, 32 * M, 16, "cpuid")));
        Assert.That(CpuCaches.FromCacheLeaves(new[] { Leaf(2, 1, 2, 8, 64) }, "cpuid"), Is.Null, "no data cache, no answer");
    }

    [Test]
    public void SysfsCacheDescriptionIsRead()
    {
        var root = Directory.CreateTempSubdirectory("grimoire-caches").FullName;
        try
        {
            void Index(int i, string level, string type, string size, string shared)
            {
                var dir = Directory.CreateDirectory(Path.Combine(root, $"index{i}")).FullName;
                File.WriteAllText(Path.Combine(dir, "level"), level + "\n");
                File.WriteAllText(Path.Combine(dir, "type"), type + "\n");
                File.WriteAllText(Path.Combine(dir, "size"), size + "\n");
                File.WriteAllText(Path.Combine(dir, "shared_cpu_list"), shared + "\n");
            }
            Index(0, "1", "Data", "32K", "0,8");
            Index(1, "1", "Instruction", "32K", "0,8");
            Index(2, "2", "Unified", "512K", "0,8");
            Index(3, "3", "Unified", "32768K", "0-7,8-15");
            Assert.That(CpuCaches.FromSysfs(root), Is.EqualTo(new CpuCaches(32 * K, 512 * K, 32 * M, 16, "sysfs")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        Assert.That(CpuCaches.FromSysfs(root), Is.Null, "a missing directory reports nothing");
    }

    [TestCase("48K", 48 * K)]
    [TestCase("32M", 32 * M)]
    [TestCase("512", 512L)]
    [TestCase("", 0L)]
    [TestCase("K", 0L)]
    [TestCase("-4K", 0L)]
    public void SizesParse(string text, long bytes) => Assert.That(CpuCaches.ParseSize(text), Is.EqualTo(bytes));

    [Test]
    public void TheDetectedCachesAreUsable()
    {
        var caches = CpuCaches.Current;
        Assert.That(caches.L1Data, Is.GreaterThan(0), caches.ToString());
        Assert.That(caches.L3SharedBy, Is.GreaterThanOrEqualTo(1), caches.ToString());
        Assert.That(caches.L2OrDefault, Is.GreaterThan(0), caches.ToString());
        Assert.That(caches.LastLevel, Is.GreaterThanOrEqualTo(caches.L2OrDefault), "streaming stores start at the last level, outside L2");
    }

    [Test]
    public void UnreportedOuterLevelsFallBack()
    {
        Assert.That(new CpuCaches(32 * K, 0, 0, 1, "test").L2OrDefault, Is.EqualTo(CpuCaches.Default.L2));
        Assert.That(new CpuCaches(32 * K, 512 * K, 0, 1, "test").LastLevel, Is.EqualTo(512 * K), "L2 is the last level without an L3");
    }
}
