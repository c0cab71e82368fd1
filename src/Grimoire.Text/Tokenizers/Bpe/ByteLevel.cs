namespace Grimoire.Text.Tokenizers.Bpe;

/// <summary>GPT-2's reversible map between the 256 byte values and 256 printable characters (its
/// <c>bytes_to_unicode</c>): the printable Latin-1 bytes stand for themselves, every other byte for the character
/// 256 + its rank among them, so a byte-level token can be written as text ("Ġthe" is " the").</summary>
public static class ByteLevel
{
    private static readonly char[] CharOfByte = BuildCharOfByte();
    private static readonly short[] ByteOfChar = BuildByteOfChar();

    /// <summary>The character that stands for <paramref name="b"/>.</summary>
    public static char CharOf(byte b) => CharOfByte[b];

    /// <summary>The byte <paramref name="c"/> stands for, or -1 when it stands for none.</summary>
    public static int ByteOf(char c) => c < ByteOfChar.Length ? ByteOfChar[c] : -1;

    /// <summary>Bytes written as their characters.</summary>
    public static string ToText(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = CharOfByte[bytes[i]];
        return new string(chars);
    }

    /// <summary>The bytes a byte-level token's text stands for.</summary>
    /// <exception cref="TextDataException">a character that stands for no byte.</exception>
    public static byte[] ToBytes(string token)
    {
        var bytes = new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            var b = ByteOf(token[i]);
            if (b < 0) throw new TextDataException($"byte-level token '{token}' holds U+{(int)token[i]:X4}, which stands for no byte");
            bytes[i] = (byte)b;
        }
        return bytes;
    }

    private static char[] BuildCharOfByte()
    {
        var chars = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
            chars[b] = b is >= '!' and <= '~' or >= '¡' and <= '¬' or >= '®' and <= 'ÿ' ? (char)b : (char)next++;
        return chars;
    }

    private static short[] BuildByteOfChar()
    {
        var bytes = new short[512];
        Array.Fill(bytes, (short)-1);
        for (var b = 0; b < 256; b++) bytes[CharOfByte[b]] = (short)b;
        return bytes;
    }
}
