namespace Grimoire.Tests.Tensors;

/// <summary>Ops that copy operands into temporaries release them: only the result's storage is left.</summary>
public class OpTemporariesTests
{
    /// <summary>Kernel ops that copy operands into temporaries (strided matmul operands, reductions over
    /// non-adjacent axes, softmax off the last axis, concat, gather, casts of views) leave only their result.</summary>
    [TestCase("matmul of a strided operand")]
    [TestCase("sum over axes 0 and 2")]
    [TestCase("softmax along axis 0")]
    [TestCase("concat")]
    [TestCase("gather")]
    [TestCase("where")]
    [TestCase("cast of a permuted view")]
    public void OpsReleaseTheirTemporaries(string op)
    {
        using var scope = new TensorScope();
        var a = Tensor.RandN(new Shape(4, 5, 6), rng: new Rng(1));
        var strided = a.Slice(2, 0, 6, 2);
        var permuted = a.Permute(2, 0, 1);
        var b = Tensor.RandN(new Shape(3, 5), rng: new Rng(2));
        var indices = Tensor.FromArray(new[] { 3, 0, 3 });
        var baseline = LiveStorage.Settled();
        var result = op switch
        {
            "matmul of a strided operand" => strided.MatMul(b),
            "sum over axes 0 and 2" => a.Sum([0, 2]),
            "softmax along axis 0" => a.Softmax(0),
            "concat" => Tensor.Concat([a, strided], 2),
            "gather" => a.Gather(0, indices),
            "where" => Tensor.Where(a, a, a),
            "cast of a permuted view" => permuted.To(DType.Float64),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
        Assert.That(Storage.LiveCount, Is.EqualTo(baseline + 1), $"{op} keeps only its result");
        result.Dispose();
        Assert.That(Storage.LiveCount, Is.EqualTo(baseline));
    }
}
