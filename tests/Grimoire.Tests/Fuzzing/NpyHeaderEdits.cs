using System.Buffers.Binary;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Fuzzing;

/// <summary>Edits of a valid .npy file's header: the version, the header length field (uint16 or uint32), and the
/// dictionary's descr, fortran_order and shape (huge, negative, zero, other ranks, and other shapes of the same 48
/// values, which are valid), rebuilt with numpy's padding so only the edited field is wrong.</summary>
internal static class NpyHeaderEdits
{
    private static readonly string[] Shapes =
    [
        "(99999999999, 2)", "(2147483647, 2147483647)", "(2147483648, 2)", "(-1, 2)", "(0, 2)", "(2, 0)", "(0, 0)", "(1,)", "()",
        "(2, 3, 4)", "(3, 1)", "(1, 3)", "(12, 1)", "(4, 3)", "(3, 4)", "(6, 2)", "(2, 6)", "(24, 1)", "(2, 2)", "(3, 4, 1)", "(12,4)", "[12, 4]",
        "(24, 2)", "(16, 3)", "(8, 6)", "(2, 24)", "(48, 1)", "(12, 4, 1)", "(4, 12)",
    ];

    private static readonly string[] Descrs = ["'<f4'", "'>f8'", "'|u1'", "'<i8'", "'<f8 '", "'<F8'", "'<c16'", "'f8'", "8"];

    public static Mutation Apply(byte[] file, string dictionary, byte[] data, Random rng)
    {
        switch (rng.Next(5))
        {
            case 0:
                var version = file.ToArray();
                version[6] = (byte)Pick(new[] { 0, 2, 3, 4, 9, 255 }, rng);
                version[7] = (byte)(rng.Next(4) == 0 ? 1 : 0);
                return new Mutation("npy: version", $"version byte set to {version[6]}.{version[7]}", version);
            case 1:
                return EditLength(file, dictionary, data, rng);
            case 2:
                var major = (byte)Pick(new[] { 2, 3 }, rng);
                return new Mutation("npy: version", $"rewritten as version {major}.0", NpyBytes.Build(dictionary, data, major));
            default:
                var (edited, description) = EditDictionary(dictionary, rng);
                return new Mutation("npy: dictionary", description, NpyBytes.Build(edited, data));
        }
    }

    private static T Pick<T>(IReadOnlyList<T> items, Random rng) => items[rng.Next(items.Count)];

    /// <summary>The version 1.0 uint16 length field edited, or the file rewritten as version 2.0 with a wrong uint32
    /// length (values that are negative as an int among them).</summary>
    private static Mutation EditLength(byte[] file, string dictionary, byte[] data, Random rng)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8));
        if (rng.Next(2) == 0)
        {
            var wide = Pick(new uint[] { length + 1u, length - 1u, length + 8u, uint.MaxValue, 1u << 31, int.MaxValue, (uint)file.Length, 0 }, rng);
            return new Mutation("npy: header length", $"version 2.0 with header length {length} -> {wide}", NpyBytes.Build(dictionary, data, major: 2, headerLength: wide));
        }
        var bytes = file.ToArray();
        var edited = (ushort)Pick(new[] { length + 1, length - 1, length + 8, length - 8, 0, ushort.MaxValue, file.Length - 10, file.Length }, rng);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), edited);
        return new Mutation("npy: header length", $"header length {length} -> {edited}", bytes);
    }

    private static (string, string) EditDictionary(string dictionary, Random rng)
    {
        switch (rng.Next(6))
        {
            case 0:
            case 1:
                var shape = Pick(Shapes, rng);
                return (System.Text.RegularExpressions.Regex.Replace(dictionary, @"'shape': \([^)]*\)", $"'shape': {shape}"), $"shape -> {shape}");
            case 2:
                var descr = Pick(Descrs, rng);
                return (dictionary.Replace("'<f8'", descr), $"descr -> {descr}");
            case 3:
                return (dictionary.Replace("False", "True"), "fortran_order -> True");
            case 4:
                var key = Pick(new[] { "'descr': '<f8', ", "'fortran_order': False, ", "'shape': " }, rng);
                return (dictionary.Replace(key, ""), $"removed {key.Trim()}");
            default:
                var garbage = Pick(new[] { "", "{}", "{'descr': '<f8'}", "not a dict", "{'shape': (3, 4), 'shape': (4, 3), 'descr': '<f8', 'fortran_order': False}" }, rng);
                return (garbage, $"dictionary = {garbage}");
        }
    }
}
