using System.Collections;

namespace Grimoire;

/// <summary>An immutable list of dimension sizes. Scalars have rank 0 and one element.</summary>
public readonly struct Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    private readonly int[]? _dims;

    /// <summary>A shape with the given dimension sizes (copied).</summary>
    /// <exception cref="ShapeException">a negative dimension, or more than int.MaxValue elements.</exception>
    public Shape(params int[] dims)
    {
        foreach (var d in dims)
        {
            if (d < 0) throw new ShapeException($"shape {Format(dims)} has a negative dimension");
        }
        _dims = (int[])dims.Clone();
        // Checked product: sizes beyond int range are refused before anything allocates.
        long n = 1;
        foreach (var d in dims)
        {
            n *= d;
            if (n > int.MaxValue) throw new ShapeException($"shape {Format(dims)} has more than {int.MaxValue} elements");
        }
    }

    /// <summary>The rank-0 shape of a scalar: no dimensions, one element.</summary>
    public static Shape Scalar => new([]);

    /// <summary>Number of dimensions.</summary>
    public int Rank => Dims.Length;

    /// <summary>Number of elements.</summary>
    public int Size
    {
        get
        {
            var n = 1;
            foreach (var d in Dims) n *= d;
            return n;
        }
    }

    int IReadOnlyCollection<int>.Count => Rank;

    /// <summary>The size of <paramref name="axis"/>; negative axes count from the end.</summary>
    /// <exception cref="ShapeException">an axis outside [−rank, rank).</exception>
    public int this[int axis] => Dims[NormalizeAxis(axis)];

    internal int[] Dims => _dims ?? [];

    /// <summary>The dimension sizes, without copying.</summary>
    public ReadOnlySpan<int> AsSpan() => Dims;

    /// <summary>A copy of the dimension sizes.</summary>
    public int[] ToArray() => (int[])Dims.Clone();

    /// <summary>Maps a possibly negative axis into [0, rank); throws naming the axis and shape.</summary>
    public int NormalizeAxis(int axis)
    {
        var a = axis < 0 ? axis + Rank : axis;
        if (a < 0 || a >= Rank) throw new ShapeException($"axis {axis} is out of range for shape {this} (rank {Rank})");
        return a;
    }

    /// <summary>Row-major strides of a contiguous tensor of this shape.</summary>
    public int[] ContiguousStrides()
    {
        var strides = new int[Rank];
        var s = 1;
        for (var i = Rank - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Dims[i];
        }
        return strides;
    }

    /// <summary>NumPy broadcasting of two shapes; throws naming both when they are incompatible.</summary>
    public static Shape Broadcast(Shape a, Shape b)
    {
        var rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Rank ? 1 : a.Dims[i - (rank - a.Rank)];
            var db = i < rank - b.Rank ? 1 : b.Dims[i - (rank - b.Rank)];
            if (da != db && da != 1 && db != 1)
                throw new ShapeException($"shapes {a} and {b} cannot be broadcast together (dimension {i}: {da} vs {db})");
            dims[i] = da == 1 ? db : da;
        }
        return new Shape(dims);
    }

    /// <summary>True when both have the same rank and sizes.</summary>
    public bool Equals(Shape other) => Dims.AsSpan().SequenceEqual(other.Dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Same rank and sizes.</summary>
    public static bool operator ==(Shape a, Shape b) => a.Equals(b);

    /// <summary>Different rank or sizes.</summary>
    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    /// <see cref="Shape(int[])"/>, so an int array can be passed where a shape is expected.
    public static implicit operator Shape(int[] dims) => new(dims);

    /// <summary>The dimension sizes, outermost first.</summary>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)Dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"[2, 3]"; "[]" for a scalar.</summary>
    public override string ToString() => Format(Dims);

    private static string Format(int[] dims) => "[" + string.Join(", ", dims) + "]";
}
