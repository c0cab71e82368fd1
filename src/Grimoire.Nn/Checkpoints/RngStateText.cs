using System.Globalization;

namespace Grimoire.Nn.Checkpoints;

/// <summary>A generator state as checkpoint text: the four xoshiro words as 16 hex digits each, then the spare normal's
/// IEEE bits in hex or "-" when there is none, separated by spaces. Bits rather than a decimal so it round-trips exactly.</summary>
internal static class RngStateText
{
    public static string Format(RngState s) => string.Join(' ', Word(s.S0), Word(s.S1), Word(s.S2), Word(s.S3),
        s.SpareNormal is { } spare ? Word((ulong)BitConverter.DoubleToInt64Bits(spare)) : "-");

    /// <summary>The state <paramref name="text"/> holds, or null when it is not a valid state.</summary>
    public static RngState? Parse(string text)
    {
        var parts = text.Split(' ');
        if (parts.Length != 5) return null;
        var words = new ulong[5];
        for (var i = 0; i < 5; i++)
        {
            if (i == 4 && parts[i] == "-") continue;
            if (parts[i].Length != 16 || !ulong.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[i])) return null;
        }
        double? spare = parts[4] == "-" ? null : BitConverter.Int64BitsToDouble((long)words[4]);
        var state = new RngState(words[0], words[1], words[2], words[3], spare);
        return state.IsValid ? state : null;
    }

    private static string Word(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);
}
