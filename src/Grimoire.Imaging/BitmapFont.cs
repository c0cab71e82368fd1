using System.Collections.Frozen;

namespace Grimoire.Imaging;

/// <summary>A 5-pixel-wide bitmap font for printable ASCII, so plots can carry text without a font package (see
/// docs/dependencies.md). A glyph is up to <see cref="CellHeight"/> rows, top first: capitals and digits fill rows
/// 0–6 (the baseline is under row 6), and the descenders of g, j, p, q, y and the comma reach rows 7–8. Characters
/// outside the table get <see cref="Placeholder"/>, so a stray character shows up instead of vanishing or throwing.</summary>
public static class BitmapFont
{
    /// <summary>Columns of every glyph, in unscaled pixels.</summary>
    public const int GlyphWidth = 5;

    /// <summary>Rows from the top of a capital to the baseline.</summary>
    public const int CapHeight = 7;

    /// <summary>Rows of a line of text: <see cref="CapHeight"/> and two for descenders.</summary>
    public const int CellHeight = CapHeight + 2;

    /// <summary>Blank columns between neighbouring glyphs, in unscaled pixels.</summary>
    private const int Spacing = 1;

    /// <summary>A hollow box as tall as a capital (<see cref="CapHeight"/> rows); no defined glyph looks like it.</summary>
    public static ReadOnlySpan<byte> Placeholder => [0x1F, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1F];

    // One hex byte per row, top row first, bit 4 (0x10) the leftmost column; rows left out at the end are blank.
    private static readonly FrozenDictionary<char, byte[]> Glyphs = new (char Char, string Rows)[]
    {
        (' ', ""), ('!', "04040404040004"), ('"', "0A0A0A"), ('#', "0A0A1F0A1F0A0A"), ('$', "040F140E051E04"),
        ('%', "18190204081303"), ('&', "0C12140815120D"), ('\'', "0C0408"), ('(', "02040808080402"),
        (')', "08040202020408"), ('*', "0004150E150400"), ('+', "0004041F040400"), (',', "00000000000C0C0408"),
        ('-', "0000001F"), ('.', "00000000000C0C"), ('/', "00010204081000"),
        ('0', "0E11131519110E"), ('1', "040C040404040E"), ('2', "0E11010204081F"),
        ('3', "1F02040201110E"), ('4', "02060A121F0202"), ('5', "1F101E0101110E"),
        ('6', "0608101E11110E"), ('7', "1F010204080808"), ('8', "0E11110E11110E"), ('9', "0E11110F01020C"),
        (':', "00000C0C000C0C"), (';', "00000C0C000C0C0408"), ('<', "02040810080402"), ('=', "00001F001F"),
        ('>', "08040201020408"), ('?', "0E110102040004"), ('@', "0E11010D15150E"),
        ('A', "0E1111111F1111"), ('B', "1E11111E11111E"), ('C', "0E11101010110E"),
        ('D', "1C12111111121C"), ('E', "1F10101E10101F"), ('F', "1F10101E101010"),
        ('G', "0E11101711110F"), ('H', "1111111F111111"), ('I', "0E04040404040E"),
        ('J', "0702020202120C"), ('K', "11121418141211"), ('L', "1010101010101F"),
        ('M', "111B1515111111"), ('N', "11111915131111"), ('O', "0E11111111110E"), ('P', "1E11111E101010"),
        ('Q', "0E11111115120D"), ('R', "1E11111E141211"), ('S', "0F10100E01011E"),
        ('T', "1F040404040404"), ('U', "1111111111110E"), ('V', "11111111110A04"), ('W', "1111111515150A"),
        ('X', "11110A040A1111"), ('Y', "1111110A040404"), ('Z', "1F01020408101F"),
        ('[', "0E08080808080E"), ('\\', "00100804020100"), (']', "0E02020202020E"), ('^', "040A11"),
        ('_', "0000000000001F"), ('`', "080402"),
        ('a', "00000E010F110F"), ('b', "1010161911111E"), ('c', "00000E1010110E"),
        ('d', "01010D1311110F"), ('e', "00000E111F100E"), ('f', "0609081C080808"),
        ('g', "00000F1111110F010E"), ('h', "10101619111111"), ('i', "04000C0404040E"),
        ('j', "02000602020202120C"), ('k', "10101214181412"), ('l', "0C04040404040E"),
        ('m', "00001A15151111"), ('n', "00001619111111"), ('o', "00000E1111110E"),
        ('p', "00001E1111111E1010"), ('q', "00000F1111110F0101"), ('r', "00001619101010"),
        ('s', "00000E100E011E"), ('t', "08081C08080906"), ('u', "0000111111130D"), ('v', "00001111110A04"),
        ('w', "0000111115150A"), ('x', "0000110A040A11"), ('y', "0000111111110F010E"),
        ('z', "00001F0204081F"), ('{', "02040408040402"), ('|', "04040404040404"), ('}', "08040402040408"),
        ('~', "0000081502"),
    }.ToFrozenDictionary(g => g.Char, g => Convert.FromHexString(g.Rows));

    /// <summary>Every character with a glyph of its own (printable ASCII, space included).</summary>
    public static IEnumerable<char> Characters => Glyphs.Keys;

    /// <summary>The rows of <paramref name="c"/>'s glyph, or <see cref="Placeholder"/> for a character the table lacks.</summary>
    public static ReadOnlySpan<byte> Rows(char c) => Glyphs.TryGetValue(c, out var rows) ? rows : Placeholder;

    /// <summary>How far the pen moves per character at <paramref name="scale"/>: a glyph and its spacing.</summary>
    public static int Advance(int scale) => (GlyphWidth + Spacing) * scale;

    /// <summary>The width of <paramref name="text"/> at <paramref name="scale"/>, from the first glyph's left column
    /// to the last glyph's right column (no trailing spacing).</summary>
    public static int MeasureText(string text, int scale) => text.Length == 0 ? 0 : text.Length * Advance(scale) - Spacing * scale;

    /// <summary>The height of a line of text at <paramref name="scale"/>, descenders included.</summary>
    public static int LineHeight(int scale) => CellHeight * scale;
}
