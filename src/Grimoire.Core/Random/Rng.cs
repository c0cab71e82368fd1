namespace Grimoire;

/// <summary>Seeded, reproducible random numbers (xoshiro256** seeded through SplitMix64), identical on
/// every platform and .NET version, unlike <see cref="System.Random"/>'s unspecified algorithm.</summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareNormal;

    /// <summary>A generator whose whole stream is fixed by <paramref name="seed"/>. Not thread-safe: one per thread or loop.</summary>
    public Rng(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The generator factories use when none is given; reseed with <see cref="Seed"/>.</summary>
    public static Rng Default { get; private set; } = new(0);

    /// <summary>Replaces <see cref="Default"/> with a generator seeded by <paramref name="seed"/>.</summary>
    public static void Seed(ulong seed) => Default = new Rng(seed);

    /// <summary>Everything the next numbers depend on, so a checkpoint can resume the same stream: reading it and
    /// setting it on another generator makes both draw the same numbers from then on.</summary>
    /// <exception cref="ArgumentException">a state that is not <see cref="RngState.IsValid"/>.</exception>
    public RngState State
    {
        get => new(_s0, _s1, _s2, _s3, _spareNormal);
        set
        {
            if (!value.IsValid) throw new ArgumentException($"{value} is not a generator state: the xoshiro256** words must not all be zero and the spare normal must be finite", nameof(value));
            (_s0, _s1, _s2, _s3, _spareNormal) = (value.S0, value.S1, value.S2, value.S3, value.SpareNormal);
        }
    }

    /// <summary>The next 64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n), without modulo bias.</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)((NextUInt64() >> 32) * (ulong)n >> 32);
    }

    /// <summary>Standard normal by the Box–Muller transform.</summary>
    public double NextNormal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }
        var u1 = 1.0 - NextDouble(); // in (0, 1], so the log is finite
        var u2 = NextDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
