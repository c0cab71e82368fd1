using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Laws;

public class BroadcastLaws
{
    /// <summary>NumPy's rule, written independently: align right, each pair equal or one of them 1.</summary>
    private static int[]? NumpyBroadcast(int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 1; i <= rank; i++)
        {
            var da = i <= a.Length ? a[^i] : 1;
            var db = i <= b.Length ? b[^i] : 1;
            if (da != db && da != 1 && db != 1) return null;
            result[^i] = da == 1 ? db : da;
        }
        return result;
    }

    [Test]
    public void ShapeBroadcastFollowsNumpy() => PropertyCheck.ForAll(Gen.Zip(Gens.Shape(0, 4), Gens.Shape(0, 4)), p =>
    {
        var expected = NumpyBroadcast(p.Item1.ToArray(), p.Item2.ToArray());
        if (expected is null) Assert.Throws<ShapeException>(() => Shape.Broadcast(p.Item1, p.Item2));
        else Assert.That(Shape.Broadcast(p.Item1, p.Item2).ToArray(), Is.EqualTo(expected));
    }, cases: 300);

    [Test]
    public void BroadcastAddMatchesExplicitExpansion() => PropertyCheck.ForAll(Gens.BroadcastPair(), p =>
    {
        var a = Tensor.RandN(p.A, dtype: DType.Float64, rng: new Rng(1));
        var b = Tensor.RandN(p.B, dtype: DType.Float64, rng: new Rng(2));
        var target = Shape.Broadcast(p.A, p.B).ToArray();
        var expected = (a.Expand(target).Contiguous(copy: true) + b.Expand(target).Contiguous(copy: true)).ToDoubleArray();
        Assert.That((a + b).ToDoubleArray(), Is.EqualTo(expected));
    });

    [Test]
    public void SumToUndoesExpand() => PropertyCheck.ForAll(Gens.BroadcastPair(), p =>
    {
        var a = Tensor.RandN(p.A, dtype: DType.Float64, rng: new Rng(3));
        var copies = (double)p.Out.Size / Math.Max(1, p.A.Size);
        var back = a.Expand(p.Out.ToArray()).SumTo(p.A).ToDoubleArray();
        Assert.That(back, Is.EqualTo(a.ToDoubleArray().Select(v => v * copies).ToArray()).Within(1e-9));
    });
}
