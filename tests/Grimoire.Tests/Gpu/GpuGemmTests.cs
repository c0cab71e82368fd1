using FsCheck;
using FsCheck.Fluent;
using Grimoire.Tests.Conformance;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gpu;

/// <summary>The register-tiled SGEMM on the simulator (16 x 16 blocks of 4 x 4 thread tiles there) against a float64
/// product: sizes around the block and thread-tile edges, batches, transposed operands, and the fused linear epilogue.</summary>
[TestFixture]
public sealed class GpuGemmTests
{
    private static readonly Device Sim = Grimoire.Gpu.Gpu.Simulator;

    [Test]
    public void RaggedBatchedAndTransposedProductsMatchFloat64()
    {
        var sizes = Gen.Choose(1, 37);
        var gen = from batch in Gen.Choose(1, 3)
                  from m in sizes
                  from k in Gen.Elements(0, 1, 7, 8, 9, 17, 33)
                  from n in sizes
                  from transposeA in Gen.Elements(false, true)
                  from transposeB in Gen.Elements(false, true)
                  select (batch, m, k, n, transposeA, transposeB);
        Prop.ForAll(Arb.From(gen), c =>
        {
            using var scope = new TensorScope();
            var rng = new Rng((ulong)(c.m * 1000 + c.n * 10 + c.k));
            var a = c.transposeA ? Tensor.RandN(new Shape(c.batch, c.k, c.m), rng: rng).Permute(0, 2, 1) : Tensor.RandN(new Shape(c.batch, c.m, c.k), rng: rng);
            var b = c.transposeB ? Tensor.RandN(new Shape(c.batch, c.n, c.k), rng: rng).Permute(0, 2, 1) : Tensor.RandN(new Shape(c.batch, c.k, c.n), rng: rng);
            var actual = a.To(Sim).MatMul(b.To(Sim)).ToDoubleArray();
            Compare.Within(actual, Product(a, b), new Tolerances.Tolerance(1e-5 * Math.Sqrt(c.k + 1), 1e-5), c.ToString());
        }).QuickCheckThrowOnFailure();
    }

    [TestCase(Activation.Relu)]
    [TestCase(Activation.Tanh)]
    public void TheLinearEpilogueAddsBiasAndActivatesRaggedTiles(Activation activation)
    {
        using var scope = new TensorScope();
        var rng = new Rng(9);
        var (x, w, bias) = (Tensor.RandN(new Shape(19, 13), rng: rng), Tensor.RandN(new Shape(13, 21), rng: rng), Tensor.RandN(new Shape(21), rng: rng));
        var actual = x.To(Sim).Linear(w.To(Sim), bias.To(Sim), activation).ToDoubleArray();
        var expected = x.Linear(w, bias, activation).ToDoubleArray();
        Compare.Within(actual, expected, new Tolerances.Tolerance(1e-5, 1e-5), $"linear {activation}");
    }

    /// <summary>Σ_k a[b,i,k]·b[b,k,j] in float64.</summary>
    private static double[] Product(Tensor a, Tensor b)
    {
        var (batch, m, k, n) = (a.Shape[0], a.Shape[1], a.Shape[2], b.Shape[2]);
        using var ca = a.Contiguous();
        using var cb = b.Contiguous();
        var (av, bv) = (ca.ToDoubleArray(), cb.ToDoubleArray());
        var c = new double[batch * m * n];
        for (var p = 0; p < batch; p++)
        for (var i = 0; i < m; i++)
        for (var j = 0; j < n; j++)
        {
            var sum = 0.0;
            for (var q = 0; q < k; q++) sum += av[(p * m + i) * k + q] * bv[(p * k + q) * n + j];
            c[(p * m + i) * n + j] = sum;
        }
        return c;
    }
}
