using FsCheck;
using FsCheck.Fluent;

namespace Grimoire.Tests.Support;

/// <summary>FsCheck generators for shapes and values. Dimensions favour the sizes that break kernels:
/// 1, primes, one off the vector widths (15, 17, 31, 33) and sizes that leave ragged tails.</summary>
public static class Gens
{
    private static readonly int[] Dimensions = [1, 1, 2, 3, 4, 5, 7, 8, 13, 15, 16, 17, 31, 33, 47, 64];

    public static Gen<int> Dim => Gen.Elements(Dimensions);

    /// <summary>A shape of rank in [<paramref name="minRank"/>, <paramref name="maxRank"/>] with at most <paramref name="maxSize"/> elements.</summary>
    public static Gen<Shape> Shape(int minRank = 0, int maxRank = 4, int maxSize = 6000) =>
        Gen.Choose(minRank, maxRank)
            .SelectMany(rank => Gen.ArrayOf(Dim, rank))
            .Where(dims => dims.Aggregate(1L, (p, d) => p * d) <= maxSize)
            .Select(dims => new Grimoire.Shape(dims));

    /// <summary>Mostly small shapes, sometimes one large enough to take the multi-threaded paths.</summary>
    public static Gen<Shape> ShapeWithLarge(int minRank = 1) =>
        Gen.Frequency(
            (9, Shape(minRank)),
            (1, Gen.Elements(new Grimoire.Shape(3, 70001), new Grimoire.Shape(140003), new Grimoire.Shape(2, 3, 40009)).Where(s => s.Rank >= minRank)));

    /// <summary>Half the time contiguous; otherwise any mix of sliced axes (offsets, steps), permuted storage and broadcast
    /// (stride-0) axes, the layouts views and ops hand to kernels.</summary>
    public static Gen<ViewLayout> Layout(int rank, bool broadcast = true)
    {
        var random = Gens.Zip3(
                Gen.Shuffle(Enumerable.Range(0, rank).ToArray()).Select(p => p.ToArray()),
                Gen.Zip(Gen.ArrayOf(Gen.Elements(1, 1, 2, 3), rank), Gen.ArrayOf(Gen.Elements(0, 0, 1, 2), rank)),
                Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(false)), (broadcast ? 1 : 0, Gen.Constant(true))), rank))
            .Select(p => new ViewLayout(p.Item1, p.Item2.Item1, p.Item2.Item2, p.Item3));
        return Gen.Frequency((1, Gen.Constant(ViewLayout.Contiguous(rank))), (1, random));
    }

    /// <summary>Values uniform in [low, high), as integers for int32 tensors; <paramref name="broadcast"/> allows
    /// broadcast layouts, whose values repeat along the broadcast axes.</summary>
    public static Gen<TensorSpec> Tensor(Shape shape, DType dtype, double low = -3, double high = 3, bool broadcast = true) =>
        Gen.Zip(Gen.Choose(0, int.MaxValue), Layout(shape.Rank, broadcast)).Select(p =>
        {
            var rng = new Rng((ulong)p.Item1);
            var values = new double[shape.Size];
            for (var i = 0; i < values.Length; i++)
            {
                var v = low + (high - low) * rng.NextDouble();
                values[i] = dtype == DType.Int32 ? Math.Floor(v) : v;
            }
            return new TensorSpec(shape, [], dtype, p.Item2).WithValues(values);
        });

    /// <summary>Values drawn from a few integers, so comparisons meet ties.</summary>
    public static Gen<TensorSpec> Discrete(Shape shape, DType dtype) =>
        Gen.Zip(Gen.ArrayOf(Gen.Choose(-2, 2), shape.Size), Layout(shape.Rank))
            .Select(p => new TensorSpec(shape, [], dtype, p.Item2).WithValues([.. p.Item1.Select(v => (double)v)]));

    /// <summary>Values whose magnitude is at least <paramref name="gap"/> (away from kinks and poles).</summary>
    public static Gen<TensorSpec> AwayFromZero(Shape shape, DType dtype, double gap = 0.3, double high = 3, bool broadcast = true) =>
        Tensor(shape, dtype, gap, high, broadcast).SelectMany(t => Gen.ArrayOf(Gen.Elements(-1.0, 1.0), shape.Size)
            .Select(signs => t.WithValues([.. t.Values.Select((v, i) => v * signs[i])])));

    /// <summary>A shape and another that broadcasts against it (axes dropped or set to 1).</summary>
    public static Gen<(Shape Out, Shape A, Shape B)> BroadcastPair(int maxSize = 6000) =>
        Shape(0, 4, maxSize).SelectMany(s => Gen.Zip(Broadcastable(s), Broadcastable(s)).Select(p => (s, p.Item1, p.Item2)));

    /// <summary>A shape that broadcasts to <paramref name="target"/>.</summary>
    public static Gen<Shape> Broadcastable(Shape target) =>
        Gen.Zip(Gen.Choose(0, target.Rank), Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))), target.Rank))
            .Select(p =>
            {
                var dropLeading = p.Item1;
                return new Grimoire.Shape([.. target.ToArray().Select((d, i) => p.Item2[i] ? 1 : d).Skip(dropLeading)]);
            });

    public static Gen<(T1, T2, T3)> Zip3<T1, T2, T3>(Gen<T1> a, Gen<T2> b, Gen<T3> c) =>
        a.SelectMany(x => b.SelectMany(y => c.Select(z => (x, y, z))));

    /// <summary>Indices in [0, bound), with repeats.</summary>
    public static Gen<TensorSpec> Indices(int count, int bound) =>
        Gen.ArrayOf(Gen.Choose(0, Math.Max(0, bound - 1)), count)
            .Select(ix => new TensorSpec(new Grimoire.Shape(count), [.. ix.Select(i => (double)i)], DType.Int32));
}
