using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Laws;

public class MatMulLaws
{
    /// <summary>C[b, i, j] = Σ_p A[b, i, p] B[b, p, j], the batch index broadcast NumPy-style, in double.</summary>
    private static double[] Naive(double[] a, Shape sa, double[] b, Shape sb, Shape batch, int m, int k, int n)
    {
        var c = new double[batch.Size * m * n];
        for (var t = 0; t < batch.Size; t++)
        {
            var (ta, tb) = (BatchIndex(t, batch, sa), BatchIndex(t, batch, sb));
            for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var p = 0; p < k; p++) sum += a[(ta * m + i) * k + p] * b[(tb * k + p) * n + j];
                c[(t * m + i) * n + j] = sum;
            }
        }
        return c;
    }

    /// <summary>Row-major index into an operand's batch dims for output batch index t (size-1 dims repeat).</summary>
    private static int BatchIndex(int t, Shape batch, Shape operand)
    {
        var own = operand.Rank - 2;
        var (index, stride) = (0, 1);
        for (var d = batch.Rank - 1; d >= 0; d--)
        {
            var coordinate = t % batch[d];
            t /= batch[d];
            var od = d - (batch.Rank - own);
            if (od < 0) continue;
            if (operand[od] != 1) index += coordinate * stride;
            stride *= operand[od];
        }
        return index;
    }

    [Test]
    public void BatchedBroadcastMatMulMatchesNaiveTripleLoop() => PropertyCheck.ForAll(
        Gens.Zip3(Gens.BroadcastPair(60).Select(p => p.Out), Gen.Zip(Gens.Dim, Gens.Dim), Gens.Dim).SelectMany(c =>
            Gens.Broadcastable(c.Item1).SelectMany(ba => Gens.Broadcastable(c.Item1).Select(bb => (Batch: c.Item1, BatchA: ba, BatchB: bb, M: c.Item2.Item1, K: c.Item2.Item2, N: c.Item3)))), c =>
    {
        var sa = new Shape([.. c.BatchA.ToArray(), c.M, c.K]);
        var sb = new Shape([.. c.BatchB.ToArray(), c.K, c.N]);
        var a = Tensor.RandN(sa, rng: new Rng(1));
        var b = Tensor.RandN(sb, rng: new Rng(2));
        var batch = Shape.Broadcast(c.BatchA, c.BatchB);
        var expected = Naive(a.ToDoubleArray(), sa, b.ToDoubleArray(), sb, batch, c.M, c.K, c.N);
        var actual = a.MatMul(b);
        Assert.That(actual.Shape.ToArray(), Is.EqualTo((int[])[.. batch.ToArray(), c.M, c.N]));
        Assert.That(actual.ToDoubleArray(), Is.EqualTo(expected).Within(1e-4 * Math.Sqrt(c.K) + 1e-5));
    }, cases: 40);
}
