namespace Grimoire.Rl.Spaces;

/// <summary>The set an environment's observations or actions come from, as Gymnasium names them.</summary>
public abstract class Space
{
    /// <summary>How a listing shows the space, e.g. "Discrete(2)" or "Box(-2..2, [1])".</summary>
    public abstract string Describe();
}

/// <summary>The integers 0 … <see cref="Count"/> − 1 (CartPole's push left or right).</summary>
public sealed class DiscreteSpace : Space
{
    /// <summary>A space of <paramref name="count"/> ≥ 1 choices.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public DiscreteSpace(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
    }

    /// <summary>How many choices there are.</summary>
    public int Count { get; }

    /// <summary>Whether <paramref name="value"/> is one of the choices.</summary>
    public bool Contains(int value) => value >= 0 && value < Count;

    /// <inheritdoc/>
    public override string Describe() => $"Discrete({Count})";
}

/// <summary>Real vectors with per-component bounds (infinite bounds allowed for observations).</summary>
public sealed class BoxSpace : Space
{
    /// <summary>A box with the given bounds, one pair per component.</summary>
    /// <exception cref="ArgumentException">the bounds differ in length, are empty, NaN, or a low bound exceeds its high bound.</exception>
    public BoxSpace(float[] low, float[] high)
    {
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(high);
        if (low.Length == 0 || low.Length != high.Length) throw new ArgumentException($"a box needs as many low as high bounds, at least one; got {low.Length} and {high.Length}");
        for (var i = 0; i < low.Length; i++)
            if (!(low[i] <= high[i])) throw new ArgumentException($"box component {i}: low {low[i]} must not exceed high {high[i]}");
        (Low, High) = ([.. low], [.. high]);
    }

    /// <summary>The lower bounds (a copy is kept: changing the array given does not change the space).</summary>
    public IReadOnlyList<float> Low { get; }

    /// <summary>The upper bounds.</summary>
    public IReadOnlyList<float> High { get; }

    /// <summary>The number of components.</summary>
    public int Dimension => Low.Count;

    /// <summary>A box of <paramref name="dimension"/> components all within [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static BoxSpace Uniform(int dimension, float low, float high) => new(Enumerable.Repeat(low, dimension).ToArray(), Enumerable.Repeat(high, dimension).ToArray());

    /// <summary>Whether <paramref name="value"/> has the right length and every component within bounds (not NaN).</summary>
    public bool Contains(ReadOnlySpan<float> value)
    {
        if (value.Length != Dimension) return false;
        for (var i = 0; i < value.Length; i++)
            if (!(value[i] >= Low[i] && value[i] <= High[i])) return false;
        return true;
    }

    /// <inheritdoc/>
    public override string Describe() =>
        Low.Distinct().Count() == 1 && High.Distinct().Count() == 1
            ? $"Box({Bound(Low[0])}..{Bound(High[0])}, [{Dimension}])"
            : $"Box([{Dimension}])";

    private static string Bound(float b) => float.IsInfinity(b) ? (b > 0 ? "inf" : "-inf") : b.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
