using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Grimoire.IO;

namespace Grimoire.Text.Embeddings;

/// <summary>Embedding models on disk. The binary layout (little-endian): the 8 bytes "GRMEMBED", a uint32 version (1),
/// a uint32 of flags (bit 0: subword vectors follow), an int64 word count, an int32 dimension, with subwords three
/// int32s minn, maxn, buckets; then each word as an int32 byte length and its UTF-8 bytes; then the word vectors as
/// float32 rows; then the bucket rows. Every size is checked against the bytes left, in 64-bit arithmetic, before
/// anything is allocated, so a damaged file gives a <see cref="TextDataException"/> naming the file and the problem.</summary>
public static class EmbeddingFile
{
    private const int Version = 1;
    private const uint SubwordFlag = 1;
    private const int MaxDimension = 65_536;
    private const int MaxWordBytes = 1 << 16;
    private static readonly byte[] Magic = "GRMEMBED"u8.ToArray();
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> through a temporary file renamed into place.</summary>
    /// <exception cref="IOException">the file cannot be written.</exception>
    public static void Save(EmbeddingModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        AtomicFile.Write(path, stream =>
        {
            using var file = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            var subwords = model.Subwords;
            file.Write(Magic);
            file.Write(Version);
            file.Write(subwords is null ? 0u : SubwordFlag);
            file.Write((long)model.Words.Count);
            file.Write(model.Dimension);
            if (subwords is not null)
            {
                file.Write(subwords.MinN);
                file.Write(subwords.MaxN);
                file.Write(subwords.Buckets);
            }
            foreach (var word in model.Words)
            {
                var bytes = Encoding.UTF8.GetBytes(word);
                file.Write(bytes.Length);
                file.Write(bytes);
            }
            file.Write(MemoryMarshal.AsBytes(model.Vectors));
            if (subwords is not null) file.Write(MemoryMarshal.AsBytes(subwords.Rows));
        });
    }

    /// <summary>Reads a model <see cref="Save"/> wrote.</summary>
    /// <exception cref="TextDataException">the file is missing, unreadable or damaged (the message says how).</exception>
    public static EmbeddingModel Load(string path)
    {
        var reader = new Reader(FileBytes.Read(path, "embedding file", m => new TextDataException(m)), path);
        if (!reader.Take(Magic.Length).SequenceEqual(Magic)) throw reader.Damaged("it does not start with GRMEMBED: not an embedding file");
        var version = reader.Int32();
        if (version != Version) throw reader.Damaged($"version {version} is not the supported {Version}");
        var flags = (uint)reader.Int32();
        if ((flags & ~SubwordFlag) != 0) throw reader.Damaged($"unknown flags 0x{flags:X}");
        var count = reader.Int64();
        var dimension = reader.Int32();
        if (dimension is < 1 or > MaxDimension) throw reader.Damaged($"dimension {dimension} is outside [1, {MaxDimension}]");
        // Each word needs at least its length field and its row: check the count against the bytes left first.
        if (count < 1 || count > reader.Left / (4 + 4L * dimension) || count * dimension > Array.MaxLength)
            throw reader.Damaged($"{count} words of dimension {dimension} do not fit in the {reader.Left} bytes left");
        var (minN, maxN, buckets) = (flags & SubwordFlag) != 0 ? (reader.Int32(), reader.Int32(), reader.Int32()) : (0, 0, 0);
        if ((flags & SubwordFlag) != 0 && (minN < 1 || maxN < minN || maxN > 64 || buckets < 1))
            throw reader.Damaged($"subword settings minn {minN}, maxn {maxN}, buckets {buckets} are not valid");
        var words = new string[count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var length = reader.Int32();
            if (length is < 1 or > MaxWordBytes || length > reader.Left) throw reader.Damaged($"word {i} has a byte length of {length}");
            try { words[i] = StrictUtf8.GetString(reader.Take(length)); }
            catch (DecoderFallbackException) { throw reader.Damaged($"word {i} is not UTF-8"); }
            if (!seen.Add(words[i])) throw reader.Damaged($"word '{words[i]}' appears twice");
        }
        var vectors = reader.Floats(count * dimension, "word vectors");
        SubwordVectors? subwords = null;
        if ((flags & SubwordFlag) != 0)
        {
            if ((long)buckets * dimension > Math.Min(Array.MaxLength, reader.Left / 4)) throw reader.Damaged($"{buckets} subword buckets of dimension {dimension} do not fit in the {reader.Left} bytes left");
            subwords = new SubwordVectors(minN, maxN, buckets, dimension, reader.Floats((long)buckets * dimension, "subword vectors"));
        }
        if (reader.Left != 0) throw reader.Damaged($"{reader.Left} bytes follow the last vector");
        return new EmbeddingModel(words, dimension, vectors, subwords);
    }

    /// <summary>Writes the word vectors in word2vec's text format: "count dimension", then one line per word with its
    /// values (shortest round-trip form), readable by gensim's <c>KeyedVectors.load_word2vec_format</c>.</summary>
    /// <exception cref="IOException">the file cannot be written.</exception>
    public static void SaveWord2VecText(EmbeddingModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var file = new StreamWriter(path, false, new UTF8Encoding(false));
        file.Write(string.Create(CultureInfo.InvariantCulture, $"{model.Words.Count} {model.Dimension}\n"));
        for (var i = 0; i < model.Words.Count; i++)
        {
            file.Write(model.Words[i]);
            foreach (var value in model.Vectors.Slice(i * model.Dimension, model.Dimension))
            {
                file.Write(' ');
                file.Write(value.ToString("R", CultureInfo.InvariantCulture));
            }
            file.Write('\n');
        }
    }

    /// <summary>A cursor over the file's bytes that refuses to read past the end.</summary>
    private sealed class Reader(byte[] bytes, string path)
    {
        private int _at;

        public long Left => bytes.Length - _at;

        public TextDataException Damaged(string problem) => new($"embedding file '{path}' is damaged: {problem}");

        public ReadOnlySpan<byte> Take(int n)
        {
            if (n > Left) throw Damaged($"it ends after {bytes.Length} bytes, inside a field at byte {_at}");
            _at += n;
            return bytes.AsSpan(_at - n, n);
        }

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public float[] Floats(long n, string what)
        {
            if (n * 4 > Left) throw Damaged($"the {what} need {n * 4} bytes but {Left} are left");
            var values = MemoryMarshal.Cast<byte, float>(Take((int)(n * 4))).ToArray();
            var bad = Array.FindIndex(values, v => !float.IsFinite(v));
            if (bad >= 0) throw Damaged($"the {what} hold a non-finite value at index {bad}");
            return values;
        }
    }
}
