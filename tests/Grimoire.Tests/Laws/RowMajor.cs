namespace Grimoire.Tests.Laws;

/// <summary>Row-major index arithmetic for the hand-written expectations the laws compare against.</summary>
internal static class RowMajor
{
    /// <summary>Sizes before, along and after <paramref name="axis"/>: the [outer, n, inner] view of a shape.</summary>
    public static (int Outer, int N, int Inner) Split(Shape shape, int axis)
    {
        var a = shape.NormalizeAxis(axis);
        var dims = shape.ToArray();
        return (dims[..a].Aggregate(1, (p, d) => p * d), dims[a], dims[(a + 1)..].Aggregate(1, (p, d) => p * d));
    }
}
