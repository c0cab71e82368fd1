namespace Grimoire.Text.Tokenizers.Bpe;

/// <summary>The ordered merge rules of a byte-pair encoding: rule r joins tokens (left, right) into token
/// result; a lower rank merges first. Applies them to a sequence of token ids as GPT-2's <c>bpe()</c> does: repeatedly
/// the lowest-ranked adjacent pair, leftmost first.</summary>
public sealed class BpeMerges
{
    // Above this length the quadratic rescan gives way to a heap (a long run of spaces or digits is one pre-token).
    private const int ShortPiece = 128;

    private readonly Dictionary<long, int> _rankOfPair;
    private readonly int[] _result;

    /// <summary>Rules from (left, right, result) triples in rank order.</summary>
    /// <exception cref="TextDataException">a pair listed twice.</exception>
    public BpeMerges(IReadOnlyList<(int Left, int Right, int Result)> rules)
    {
        Rules = [.. rules];
        _rankOfPair = new Dictionary<long, int>(rules.Count);
        _result = new int[rules.Count];
        for (var r = 0; r < rules.Count; r++)
        {
            if (!_rankOfPair.TryAdd(Key(rules[r].Left, rules[r].Right), r))
                throw new TextDataException($"merge {r} ({rules[r].Left}, {rules[r].Right}) repeats an earlier merge");
            _result[r] = rules[r].Result;
        }
    }

    /// <summary>The rules in rank order.</summary>
    public IReadOnlyList<(int Left, int Right, int Result)> Rules { get; }

    /// <summary>Merges <paramref name="ids"/> in place; returns the new length.</summary>
    public int Apply(Span<int> ids) => ids.Length <= ShortPiece ? ApplyByRescan(ids) : ApplyByHeap(ids);

    /// <summary>The rank of merging (left, right), or int.MaxValue when there is no such rule.</summary>
    public int RankOf(int left, int right) => _rankOfPair.TryGetValue(Key(left, right), out var r) ? r : int.MaxValue;

    // Keeps each adjacent pair's rank, so a merge looks up only the two pairs it changes; finding the lowest is a scan
    // of integers (tiktoken's loop).
    internal int ApplyByRescan(Span<int> ids)
    {
        var n = ids.Length;
        if (n < 2) return n;
        Span<int> ranks = n <= 128 ? stackalloc int[n - 1] : new int[n - 1];
        for (var i = 0; i + 1 < n; i++) ranks[i] = RankOf(ids[i], ids[i + 1]);
        while (n > 1)
        {
            var best = int.MaxValue;
            var at = -1;
            for (var i = 0; i + 1 < n; i++)
                if (ranks[i] < best) { best = ranks[i]; at = i; }
            if (at < 0) break;
            ids[at] = _result[best];
            ids[(at + 2)..n].CopyTo(ids[(at + 1)..]);
            if (at + 2 < n) ranks[(at + 2)..(n - 1)].CopyTo(ranks[(at + 1)..]);
            n--;
            if (at > 0) ranks[at - 1] = RankOf(ids[at - 1], ids[at]);
            if (at + 1 < n) ranks[at] = RankOf(ids[at], ids[at + 1]);
        }
        return n;
    }

    internal int ApplyByHeap(Span<int> ids)
    {
        var n = ids.Length;
        if (n < 2) return n;
        // A doubly linked list over positions; a removed position has next = -2.
        var next = new int[n];
        var prev = new int[n];
        for (var i = 0; i < n; i++) { next[i] = i + 1 < n ? i + 1 : -1; prev[i] = i - 1; }
        var heap = new PriorityQueue<int, long>();
        for (var i = 0; i + 1 < n; i++) Push(heap, ids, i, next[i]);
        while (heap.TryDequeue(out var i, out var priority))
        {
            if (next[i] < 0) continue;
            var j = next[i];
            // Stale: the pair at i changed since it was queued.
            if ((int)(priority >> 32) != RankOf(ids[i], ids[j])) continue;
            ids[i] = _result[(int)(priority >> 32)];
            next[i] = next[j];
            if (next[j] >= 0) prev[next[j]] = i;
            next[j] = -2;
            if (prev[i] >= 0) Push(heap, ids, prev[i], i);
            if (next[i] >= 0) Push(heap, ids, i, next[i]);
        }
        var count = 0;
        for (var i = 0; i >= 0; i = next[i]) ids[count++] = ids[i];
        return count;
    }

    // Ordered by rank, then position: the leftmost of equal-ranked pairs merges first, as in the rescan.
    private void Push(PriorityQueue<int, long> heap, Span<int> ids, int i, int j)
    {
        var rank = RankOf(ids[i], ids[j]);
        if (rank != int.MaxValue) heap.Enqueue(i, ((long)rank << 32) | (uint)i);
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
