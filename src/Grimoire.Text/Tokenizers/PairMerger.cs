namespace Grimoire.Text.Tokenizers;

/// <summary>How a merge loop ranks adjacent pairs.</summary>
internal enum PairScore
{
    /// <summary>BPE: the pair's total count.</summary>
    Count,

    /// <summary>WordPiece: count(ab) / (count(a)·count(b)), the gain in a unigram model's likelihood from joining
    /// a and b; rare parts that nearly always occur together win over frequent pairs of frequent parts.</summary>
    Likelihood,
}

/// <summary>The merge loop of BPE and WordPiece training over distinct words (symbol sequences) with counts:
/// repeatedly the best adjacent pair (<see cref="PairScore"/>; ties: the higher count, then the smaller left id,
/// then the smaller right id) becomes one symbol in every word that holds it, leftmost occurrences first, without
/// overlap. Pair counts are updated only in the words that hold the merged pair (an index from pair to words).
/// By count, the best pair comes from a heap whose stale entries are re-queued when popped (a pair's count only falls
/// until it is merged; pairs with the new symbol are queued when made); by likelihood, whose scores rise when a
/// part's count falls, from a scan of the live pairs.</summary>
internal sealed class PairMerger
{
    private readonly PairScore _score;
    private readonly int[][] _symbols;
    private readonly int[] _lengths;
    private readonly long[] _counts;
    private readonly int[] _stamp;
    private readonly Dictionary<long, long> _pairCounts = [];
    private readonly Dictionary<int, long> _symbolCounts = [];
    private readonly Dictionary<long, List<int>> _wordsWithPair = [];
    private readonly PriorityQueue<long, (long Count, long Pair)> _heap = new(Comparer<(long Count, long Pair)>.Create(
        (x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Pair.CompareTo(y.Pair)));

    public PairMerger(List<(int[] Symbols, long Count)> words, PairScore score)
    {
        _score = score;
        _symbols = [.. words.Select(w => w.Symbols)];
        _lengths = [.. words.Select(w => w.Symbols.Length)];
        _counts = [.. words.Select(w => w.Count)];
        _stamp = new int[words.Count];
        Array.Fill(_stamp, -1);
        for (var w = 0; w < _symbols.Length; w++) AddPairs(w, +1, newSymbol: -1, made: null);
        if (score == PairScore.Count)
            foreach (var (pair, count) in _pairCounts) _heap.Enqueue(pair, (count, pair));
    }

    /// <summary>Merges while <paramref name="more"/> says so and a pair is left; <paramref name="merge"/> is told each
    /// (left, right) and returns the symbol that replaces the pair (a new id, or an existing one that spells the same).</summary>
    public void Run(Func<bool> more, Func<int, int, int> merge)
    {
        for (var m = 0; more() && NextPair() is { } pair; m++)
        {
            var (left, right) = ((int)(pair >> 32), (int)pair);
            var symbol = merge(left, right);
            var made = new HashSet<long>();
            foreach (var w in _wordsWithPair[pair])
            {
                if (_stamp[w] == m) continue;
                _stamp[w] = m;
                AddPairs(w, -1, -1, null);
                _lengths[w] = MergeIn(_symbols[w].AsSpan(0, _lengths[w]), left, right, symbol);
                AddPairs(w, +1, symbol, made);
            }
            _wordsWithPair.Remove(pair);
            if (_score == PairScore.Count)
                foreach (var p in made) _heap.Enqueue(p, (_pairCounts[p], p));
        }
    }

    private long? NextPair() => _score == PairScore.Count ? NextByCount() : NextByLikelihood();

    private long? NextByCount()
    {
        while (_heap.TryDequeue(out var pair, out var queued))
        {
            var count = _pairCounts.GetValueOrDefault(pair);
            if (count == queued.Count) return pair;
            if (count > 0) _heap.Enqueue(pair, (count, pair));
        }
        return null;
    }

    private long? NextByLikelihood()
    {
        long? best = null;
        var (bestCount, bestParts) = (0L, Int128.One);
        foreach (var (pair, count) in _pairCounts)
        {
            var parts = (Int128)_symbolCounts[(int)(pair >> 32)] * _symbolCounts[(int)pair];
            // count/parts against bestCount/bestParts, exactly.
            var order = ((Int128)count * bestParts).CompareTo((Int128)bestCount * parts);
            if (best is null || order > 0 || (order == 0 && (count > bestCount || (count == bestCount && pair < best))))
                (best, bestCount, bestParts) = (pair, count, parts);
        }
        return best;
    }

    // Adds (sign +1) or removes (-1) the word's pairs and symbols from the counts (a pair or symbol counted zero is
    // dropped); pairs holding the new symbol are indexed and collected in made.
    private void AddPairs(int w, int sign, int newSymbol, HashSet<long>? made)
    {
        var symbols = _symbols[w];
        var delta = sign * _counts[w];
        for (var i = 0; i < _lengths[w]; i++)
        {
            if (_score == PairScore.Likelihood) Add(_symbolCounts, symbols[i], delta);
            if (i + 1 == _lengths[w]) break;
            var pair = ((long)symbols[i] << 32) | (uint)symbols[i + 1];
            Add(_pairCounts, pair, delta);
            if (sign < 0 || (made is not null && symbols[i] != newSymbol && symbols[i + 1] != newSymbol)) continue;
            if (!_wordsWithPair.TryGetValue(pair, out var list)) _wordsWithPair[pair] = list = [];
            if (list.Count == 0 || list[^1] != w) list.Add(w);
            made?.Add(pair);
        }
    }

    private static void Add<TKey>(Dictionary<TKey, long> counts, TKey key, long delta) where TKey : notnull
    {
        var count = counts.GetValueOrDefault(key) + delta;
        if (count == 0) counts.Remove(key);
        else counts[key] = count;
    }

    private static int MergeIn(Span<int> symbols, int left, int right, int symbol)
    {
        var n = 0;
        for (var i = 0; i < symbols.Length; i++)
        {
            if (i + 1 < symbols.Length && symbols[i] == left && symbols[i + 1] == right) { symbols[n++] = symbol; i++; }
            else symbols[n++] = symbols[i];
        }
        return n;
    }
}
