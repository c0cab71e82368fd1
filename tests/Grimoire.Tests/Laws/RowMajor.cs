namespace Grimoire.Tests.Laws;

/// <summary>Row-major index arithmetic for the hand-written expectations the laws compare against.</summary>
internal static class RowMajor
{
    public static int[] Unravel(int flat, Shape shape)
    {
        var index = new int[shape.Rank];
        for (var i = shape.Rank - 1; i >= 0; i--)
        {
            index[i] = flat % shape[i];
            flat /= shape[i];
        }
        return index;
    }

    public static int Ravel(ReadOnlySpan<int> index, Shape shape)
    {
        var flat = 0;
        for (var i = 0; i < shape.Rank; i++) flat = flat * shape[i] + index[i];
        return flat;
    }

    /// <summary>Sizes before, along and after <paramref name="axis"/>: the [outer, n, inner] view of a shape.</summary>
    public static (int Outer, int N, int Inner) Split(Shape shape, int axis)
    {
        var a = shape.NormalizeAxis(axis);
        var dims = shape.ToArray();
        return (dims[..a].Aggregate(1, (p, d) => p * d), dims[a], dims[(a + 1)..].Aggregate(1, (p, d) => p * d));
    }
}
