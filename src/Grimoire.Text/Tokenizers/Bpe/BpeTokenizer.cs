using System.Text;

namespace Grimoire.Text.Tokenizers.Bpe;

/// <summary>Byte-level byte-pair encoding (book §32.1; GPT-2's tokeniser): text is split by
/// <see cref="Gpt2PreTokenizer"/>, each pre-token's UTF-8 bytes start as one token each and are joined by the
/// ranked merges of <see cref="BpeMerges"/>. Every string encodes (there is a token for each byte) and decodes back
/// exactly. Tokens are written as GPT-2 writes them (<see cref="ByteLevel"/>: "Ġthe"). A pre-token's ids are cached,
/// so a repeated word costs one lookup; Encode is safe to call from several threads.</summary>
public sealed class BpeTokenizer : ITokenizer
{
    // Bounds the cache on text with endless distinct pre-tokens; past it pieces are merged every time.
    private const int CacheLimit = 1 << 18;

    private readonly string[] _tokens;
    private readonly byte[][] _bytes;
    private readonly int[] _idOfByte = new int[256];
    // One cache per thread: a plain dictionary needs no locks, and threads encoding one text see the same words.
    private readonly ThreadLocal<Dictionary<string, int[]>> _cache = new(() => new Dictionary<string, int[]>(StringComparer.Ordinal));

    /// <summary>A tokeniser over <paramref name="tokens"/> (by id, in byte-level text) and merges of two tokens'
    /// texts, in rank order (the vocab.bpe / HuggingFace form).</summary>
    /// <exception cref="TextDataException">a token repeats or holds a character that stands for no byte, a byte has no
    /// token, or a merge names a token (or makes one) not in the vocabulary.</exception>
    public BpeTokenizer(IReadOnlyList<string> tokens, IReadOnlyList<(string Left, string Right)> merges)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(merges);
        _tokens = [.. tokens];
        _bytes = new byte[_tokens.Length][];
        var ids = new Dictionary<string, int>(_tokens.Length, StringComparer.Ordinal);
        for (var id = 0; id < _tokens.Length; id++)
        {
            if (!ids.TryAdd(_tokens[id] ?? throw new TextDataException($"BPE token {id} is null"), id))
                throw new TextDataException($"BPE vocabulary lists '{_tokens[id]}' twice");
            _bytes[id] = ByteLevel.ToBytes(_tokens[id]);
        }
        for (var b = 0; b < 256; b++)
            _idOfByte[b] = ids.TryGetValue(ByteLevel.CharOf((byte)b).ToString(), out var id)
                ? id : throw new TextDataException($"BPE vocabulary has no token for byte {b}");
        var rules = new (int, int, int)[merges.Count];
        for (var r = 0; r < merges.Count; r++)
        {
            var (left, right) = merges[r];
            rules[r] = (IdOf(ids, left, r), IdOf(ids, right, r), IdOf(ids, left + right, r));
        }
        Merges = new BpeMerges(rules);
    }

    private static int IdOf(Dictionary<string, int> ids, string token, int rank) =>
        ids.TryGetValue(token, out var id) ? id : throw new TextDataException($"BPE merge {rank} uses or makes '{token}', which is not in the vocabulary");

    /// <inheritdoc />
    public string Kind => "bpe";

    /// <inheritdoc />
    public int VocabularySize => _tokens.Length;

    /// <summary>The tokens by id, in byte-level text.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>The merge rules.</summary>
    public BpeMerges Merges { get; }

    /// <summary>The merges as pairs of token texts, in rank order.</summary>
    public IEnumerable<(string Left, string Right)> MergePairs => Merges.Rules.Select(r => (_tokens[r.Left], _tokens[r.Right]));

    /// <summary>The id of the token for one byte.</summary>
    public int IdOfByte(byte b) => _idOfByte[b];

    /// <inheritdoc />
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new IdBuffer(text.Length / 3 + 16);
        var cache = _cache.Value!;
        var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < text.Length;)
        {
            var end = Gpt2PreTokenizer.End(text, i);
            var piece = text.AsSpan(i, end - i);
            if (!lookup.TryGetValue(piece, out var pieceIds))
            {
                pieceIds = MergePiece(piece);
                if (cache.Count < CacheLimit) lookup.TryAdd(piece, pieceIds);
            }
            ids.Add(pieceIds);
            i = end;
        }
        return ids.ToArray();
    }

    private int[] MergePiece(ReadOnlySpan<char> piece)
    {
        // Lone surrogates become U+FFFD's bytes, as UTF-8 encoding writes them.
        var byteCount = Encoding.UTF8.GetByteCount(piece);
        var bytes = byteCount <= 256 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(piece, bytes);
        var ids = new int[byteCount];
        for (var i = 0; i < byteCount; i++) ids[i] = _idOfByte[bytes[i]];
        var n = Merges.Apply(ids);
        return n == ids.Length ? ids : ids[..n];
    }

    /// <inheritdoc />
    public string Decode(ReadOnlySpan<int> ids) => Encoding.UTF8.GetString(DecodeBytes(ids));

    /// <summary>The bytes of <paramref name="ids"/> (Decode before the UTF-8 decoding, which replaces any byte
    /// sequence that is not UTF-8 by U+FFFD: a cut through a character).</summary>
    public byte[] DecodeBytes(ReadOnlySpan<int> ids)
    {
        var length = 0L;
        foreach (var id in ids)
        {
            if ((uint)id >= (uint)_bytes.Length)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"token id outside [0, {_bytes.Length})");
            length += _bytes[id].Length;
        }
        var bytes = new byte[length];
        var at = 0;
        foreach (var id in ids)
        {
            _bytes[id].CopyTo(bytes, at);
            at += _bytes[id].Length;
        }
        return bytes;
    }

    /// <summary>The tokeniser as JSON: <c>{"kind":"bpe","tokens":[…],"merges":["left right",…]}</c>, tokens in id
    /// order and merges in rank order, in byte-level text (HuggingFace's layout; no token holds a space).</summary>
    public string ToJson() => TokenizerJson.Write(Kind, ("tokens", TokenizerJson.Strings(_tokens)),
        ("merges", TokenizerJson.Strings(MergePairs.Select(m => $"{m.Left} {m.Right}"))));

    /// <summary>A tokeniser from <see cref="ToJson"/>'s text.</summary>
    /// <exception cref="TextDataException">not JSON, another kind, a merge that is not two tokens, or a vocabulary the
    /// constructor refuses.</exception>
    public static BpeTokenizer FromJson(string json) => TokenizerJson.Read(json, "bpe", f =>
        new BpeTokenizer(f.Strings("tokens"), [.. f.Strings("merges").Select(m => m.Split(' ') is [{ Length: > 0 } left, { Length: > 0 } right]
            ? (left, right) : throw new TextDataException($"BPE merge '{m}' is not two tokens separated by one space"))]));

    /// <summary>A growing array of ids, copied into in blocks.</summary>
    private struct IdBuffer(int capacity)
    {
        private int[] _items = new int[capacity];
        private int _count;

        public void Add(ReadOnlySpan<int> ids)
        {
            if (_count + ids.Length > _items.Length) Array.Resize(ref _items, Math.Max(_items.Length * 2, _count + ids.Length));
            ids.CopyTo(_items.AsSpan(_count));
            _count += ids.Length;
        }

        public readonly int[] ToArray() => _items.AsSpan(0, _count).ToArray();
    }
}
