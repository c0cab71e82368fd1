namespace Grimoire.Cpu;

/// <summary>The data caches this machine reports (Linux sysfs, cpu0), so size-dependent choices follow the hardware
/// rather than a constant: the level-2 cache one core owns and the last-level cache.</summary>
public static class CacheSizes
{
    /// <summary>One data or unified cache level: e.g. (2, "Unified", 1 MiB).</summary>
    public sealed record Level(int Number, string Type, long Bytes);

    private const string Root = "/sys/devices/system/cpu/cpu0/cache";

    // Typical of the x86-64 machines the engine targets, for systems that do not report their caches.
    private const long FallbackL2 = 512L << 10, FallbackLastLevel = 32L << 20;

    /// <summary>The data and unified levels, innermost first; empty where the system does not report them.</summary>
    public static IReadOnlyList<Level> Levels { get; } = Read();

    /// <summary>Bytes of level-2 cache per core.</summary>
    public static long L2Bytes { get; } = Levels.LastOrDefault(l => l.Number == 2)?.Bytes ?? FallbackL2;

    /// <summary>Bytes of the largest (last-level) cache.</summary>
    public static long LastLevelBytes { get; } = Levels.Count > 0 ? Levels.Max(l => l.Bytes) : FallbackLastLevel;

    private static List<Level> Read()
    {
        try
        {
            if (!Directory.Exists(Root)) return [];
            return [.. Directory.EnumerateDirectories(Root, "index*").Order().Select(ReadLevel).OfType<Level>()];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static Level? ReadLevel(string directory)
    {
        string? Read(string file) => File.Exists(Path.Combine(directory, file)) ? File.ReadAllText(Path.Combine(directory, file)).Trim() : null;
        var (type, level, size) = (Read("type"), Read("level"), Read("size"));
        if (type is null or "Instruction" || !int.TryParse(level, out var number) || ParseSize(size) is not { } bytes) return null;
        return new Level(number, type, bytes);
    }

    /// <summary>sysfs sizes such as "48K", "1024K" or "32M".</summary>
    internal static long? ParseSize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var unit = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1L };
        var digits = unit == 1 ? text : text[..^1];
        return long.TryParse(digits, out var n) && n > 0 ? n * unit : null;
    }
}
