namespace Grimoire.Text.Tokenizers.Bpe;

/// <summary>The merge loop of BPE training over distinct words (symbol sequences) with counts: repeatedly the
/// adjacent pair with the highest total count (ties: smaller left id, then smaller right id) becomes a new symbol in
/// every word that holds it, leftmost occurrences first, without overlap.</summary>
internal sealed class PairMerger
{
    private readonly int[][] _symbols;
    private readonly int[] _lengths;
    private readonly long[] _counts;
    private readonly int[] _stamp;
    private readonly Dictionary<long, long> _pairCounts = [];
    private readonly Dictionary<long, List<int>> _wordsWithPair = [];
    private readonly PriorityQueue<long, (long Count, long Pair)> _heap = new(Comparer<(long Count, long Pair)>.Create(
        (x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Pair.CompareTo(y.Pair)));

    public PairMerger(List<(int[] Symbols, long Count)> words)
    {
        _symbols = [.. words.Select(w => w.Symbols)];
        _lengths = [.. words.Select(w => w.Symbols.Length)];
        _counts = [.. words.Select(w => w.Count)];
        _stamp = new int[words.Count];
        Array.Fill(_stamp, -1);
        for (var w = 0; w < _symbols.Length; w++) AddPairs(w, +1, newSymbol: -1, made: null);
        foreach (var (pair, count) in _pairCounts) _heap.Enqueue(pair, (count, pair));
    }

    /// <summary>Makes up to <paramref name="maxMerges"/> merges; <paramref name="merge"/> is told each (left, right)
    /// and returns the new symbol's id.</summary>
    public void Run(int maxMerges, Func<int, int, int> merge)
    {
        for (var m = 0; m < maxMerges && _heap.TryDequeue(out var pair, out var queued);)
        {
            var count = _pairCounts.GetValueOrDefault(pair);
            if (count != queued.Count)
            {
                if (count > 0) _heap.Enqueue(pair, (count, pair));
                continue;
            }
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
            _pairCounts.Remove(pair);
            _wordsWithPair.Remove(pair);
            foreach (var p in made) _heap.Enqueue(p, (_pairCounts[p], p));
            m++;
        }
    }

    // Adds (sign +1) or removes (-1) the word's pairs from the counts; pairs holding the new symbol are indexed and
    // collected in made.
    private void AddPairs(int w, int sign, int newSymbol, HashSet<long>? made)
    {
        var symbols = _symbols[w];
        var delta = sign * _counts[w];
        for (var i = 0; i + 1 < _lengths[w]; i++)
        {
            var pair = ((long)symbols[i] << 32) | (uint)symbols[i + 1];
            _pairCounts[pair] = _pairCounts.GetValueOrDefault(pair) + delta;
            if (sign < 0 || (made is not null && symbols[i] != newSymbol && symbols[i + 1] != newSymbol)) continue;
            if (!_wordsWithPair.TryGetValue(pair, out var list)) _wordsWithPair[pair] = list = [];
            if (list.Count == 0 || list[^1] != w) list.Add(w);
            made?.Add(pair);
        }
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
