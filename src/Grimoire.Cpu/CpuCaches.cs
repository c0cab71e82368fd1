using System.Globalization;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Cpu;

/// <summary>
/// The data cache sizes of one core, as the processor reports them: L1 data, L2, and L3 with the number of logical
/// processors that share it. Sizes are in bytes; 0 means that level was not reported. <see cref="Source"/> says where
/// the figures came from ("cpuid leaf 4", "cpuid leaf 0x8000001d", "sysfs" or "default").
/// </summary>
public sealed record CpuCaches(long L1Data, long L2, long L3, int L3SharedBy, string Source)
{
    /// <summary>Used when nothing is reported: a Zen 3 core (32 KiB L1d, 512 KiB L2, a 2 MiB slice of L3), small enough
    /// that blocks sized for it still fit on every x86 core of the last decade.</summary>
    public static readonly CpuCaches Default = new(32 * 1024, 512 * 1024, 32L * 1024 * 1024, 16, "default");

    private const string SysfsRoot = "/sys/devices/system/cpu/cpu0/cache";

    private static readonly Lazy<CpuCaches> Detected = new(Detect);

    /// <summary>This machine's caches, detected once: CPUID leaf 4 (Intel) or 0x8000001D (AMD), then sysfs, then <see cref="Default"/>.</summary>
    public static CpuCaches Current => Detected.Value;

    /// <summary>Bytes of L2 one core owns; <see cref="Default"/>'s where none was reported.</summary>
    public long L2OrDefault => L2 > 0 ? L2 : Default.L2;

    /// <summary>Bytes of the outermost reported cache (L3, else L2, else L1d; <see cref="Default"/>'s L3 where none):
    /// data larger than this streams from memory.</summary>
    public long LastLevel => L3 > 0 ? L3 : L2 > 0 ? L2 : L1Data > 0 ? L1Data : Default.L3;

    /// <summary>The part of L3 one core can count on: L3 divided among the processors that share it.</summary>
    public long L3PerCore => L3 / Math.Max(1, L3SharedBy);

    /// <summary>One line such as "L1d 48 KiB, L2 1024 KiB, L3 32768 KiB shared by 16 (cpuid leaf 0x8000001d)".</summary>
    public override string ToString() =>
        $"L1d {Kib(L1Data)}, L2 {Kib(L2)}, L3 {Kib(L3)} shared by {L3SharedBy} ({Source})";

    private static string Kib(long bytes) => bytes == 0 ? "unknown" : $"{bytes / 1024} KiB";

    private static CpuCaches Detect() => FromCpuid() ?? FromSysfs(SysfsRoot) ?? Default;

    /// <summary>
    /// The deterministic cache parameter leaves: Intel's leaf 4 and AMD's 0x8000001D share one layout, one subleaf per
    /// cache until a subleaf reports type 0. Null when neither leaf lists an L1 data cache (not x86, or a hypervisor
    /// that hides them).
    /// </summary>
    private static CpuCaches? FromCpuid()
    {
        if (!X86Base.IsSupported) return null;
        var maxBasic = X86Base.CpuId(0, 0).Eax;
        var maxExtended = (uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax;
        if (maxBasic >= 4 && FromLeaf(4, "cpuid leaf 4") is { } intel) return intel;
        return maxExtended >= 0x8000001D ? FromLeaf(unchecked((int)0x8000001D), "cpuid leaf 0x8000001d") : null;
    }

    private static CpuCaches? FromLeaf(int leaf, string source)
    {
        var subleaves = new List<(int Eax, int Ebx, int Ecx)>();
        for (var i = 0; i < 16; i++)
        {
            var (eax, ebx, ecx, _) = X86Base.CpuId(leaf, i);
            if ((eax & 0x1F) == 0) break;
            subleaves.Add((eax, ebx, ecx));
        }

        return FromCacheLeaves(subleaves, source);
    }

    /// <summary>
    /// Decodes cache parameter subleaves (EAX, EBX, ECX of CPUID leaf 4 or 0x8000001D). EAX: type in bits 0-4 (1 data,
    /// 2 instruction, 3 unified), level in 5-7, sharing processors - 1 in 14-25. EBX: line size - 1 in 0-11, partitions
    /// - 1 in 12-21, ways - 1 in 22-31. ECX: sets - 1. Size = ways x partitions x line x sets. Null without an L1 data cache.
    /// </summary>
    internal static CpuCaches? FromCacheLeaves(IEnumerable<(int Eax, int Ebx, int Ecx)> subleaves, string source)
    {
        long l1 = 0, l2 = 0, l3 = 0;
        var l3Shared = 1;
        foreach (var (eax, ebx, ecx) in subleaves)
        {
            int type = eax & 0x1F, level = (eax >> 5) & 0x7;
            if (type != 1 && type != 3) continue;
            long line = (ebx & 0xFFF) + 1, partitions = ((ebx >> 12) & 0x3FF) + 1, ways = ((ebx >> 22) & 0x3FF) + 1;
            long size = ways * partitions * line * ((uint)ecx + 1L);
            switch (level)
            {
                case 1: l1 = size; break;
                case 2: l2 = size; break;
                case 3: l3 = size; l3Shared = ((eax >> 14) & 0xFFF) + 1; break;
            }
        }

        return l1 == 0 ? null : new CpuCaches(l1, l2, l3, l3Shared, source);
    }

    /// <summary>
    /// Reads Linux's cache description of cpu0 (index*/level, type, size such as "48K", shared_cpu_list such as
    /// "0-15"). Null when the directory is missing or lists no L1 data cache.
    /// </summary>
    internal static CpuCaches? FromSysfs(string root)
    {
        if (!Directory.Exists(root)) return null;
        long l1 = 0, l2 = 0, l3 = 0;
        var l3Shared = 1;
        foreach (var dir in Directory.EnumerateDirectories(root, "index*"))
        {
            string? Read(string name) => File.Exists(Path.Combine(dir, name)) ? File.ReadAllText(Path.Combine(dir, name)).Trim() : null;
            var type = Read("type");
            if (type is not ("Data" or "Unified") || !int.TryParse(Read("level"), out var level)) continue;
            var size = ParseSize(Read("size"));
            switch (level)
            {
                case 1: l1 = size; break;
                case 2: l2 = size; break;
                case 3: l3 = size; l3Shared = CountCpus(Read("shared_cpu_list")); break;
            }
        }

        return l1 == 0 ? null : new CpuCaches(l1, l2, l3, l3Shared, "sysfs");
    }

    /// <summary>"48K" → 49152, "1024K", "32M", "512" (bytes); 0 when unreadable.</summary>
    internal static long ParseSize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        long unit = char.ToUpperInvariant(text[^1]) switch { 'K' => 1024, 'M' => 1024 * 1024, 'G' => 1024 * 1024 * 1024, _ => 1 };
        var digits = unit == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n * unit : 0;
    }

    /// <summary>Processors in a list such as "0-7,16-23"; at least 1.</summary>
    internal static int CountCpus(string? list)
    {
        var count = 0;
        foreach (var part in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            if (int.TryParse(range[0], out var lo)) count += range.Length == 2 && int.TryParse(range[1], out var hi) && hi >= lo ? hi - lo + 1 : 1;
        }

        return Math.Max(1, count);
    }
}
