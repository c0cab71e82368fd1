using System.Buffers.Binary;

namespace Grimoire.Tests.Fuzzing;

/// <summary>Mutations that know only where a file's header ends and its data starts: truncation at every length
/// class, bit flips, appended bytes and special values written over a stored element.</summary>
internal static class ByteMutations
{
    public static Mutation Truncate(byte[] file, int dataStart, Random rng)
    {
        var (length, where) = rng.Next(6) switch
        {
            0 => (0, "to nothing"),
            1 => (rng.Next(1, 9), "inside the length field"),
            2 => (rng.Next(9, Math.Max(10, dataStart)), "inside the header"),
            3 => (dataStart, "at the header's end"),
            4 => (rng.Next(dataStart + 1, Math.Max(dataStart + 2, file.Length - 1)), "inside the data"),
            _ => (file.Length - 1, "one byte short"),
        };
        length = Math.Clamp(length, 0, file.Length - 1);
        return new Mutation("truncate", $"truncated to {length} of {file.Length} bytes ({where})", file[..length]);
    }

    public static Mutation FlipBits(byte[] file, int dataStart, Random rng)
    {
        var bytes = (byte[])file.Clone();
        var flips = 1 + (int)Math.Min(7, -Math.Log(1 - rng.NextDouble()) * 1.5);
        var positions = new List<string>();
        for (var i = 0; i < flips; i++)
        {
            var at = rng.Next(3) switch
            {
                0 => rng.Next(Math.Min(8, bytes.Length)), // the length field (the magic and version of a .npy)
                1 => rng.Next(Math.Min(dataStart, bytes.Length)),
                _ => rng.Next(bytes.Length),
            };
            var bit = rng.Next(8);
            bytes[at] ^= (byte)(1 << bit);
            positions.Add($"{at}:{bit}");
        }
        return new Mutation("bit flips", $"flipped byte:bit {string.Join(", ", positions)}", bytes);
    }

    public static Mutation Append(byte[] file, Random rng)
    {
        var extra = rng.Next(3) switch
        {
            0 => new byte[8],
            1 => file[^Math.Min(8, file.Length)..],
            _ => Enumerable.Range(0, rng.Next(1, 17)).Select(_ => (byte)rng.Next(256)).ToArray(),
        };
        return new Mutation("append", $"appended {extra.Length} bytes [{Convert.ToHexString(extra)}]", [.. file, .. extra]);
    }

    /// <summary>Writes a special float64 over an 8-byte-aligned element of the data section.</summary>
    public static Mutation PoisonElement(byte[] file, int dataStart, Random rng)
    {
        var bytes = (byte[])file.Clone();
        var elements = (bytes.Length - dataStart) / 8;
        if (elements == 0) return Append(file, rng);
        var at = dataStart + 8 * rng.Next(elements);
        var value = HostileValues.Doubles[rng.Next(HostileValues.Doubles.Length)];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), value);
        return new Mutation("poison value", $"wrote {value:R} as float64 at byte {at}", bytes);
    }
}
