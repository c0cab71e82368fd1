namespace Grimoire.Tests.BadInput;

/// <summary>Any use of a disposed tensor's data, as receiver or operand, throws DisposedTensorException
/// naming its shape; metadata (shape, ToString) stays available.</summary>
public class DisposedTensorTests
{
    private static readonly (string Name, Func<Tensor, Tensor, object?> Use)[] Uses =
    [
        ("unary op", (d, _) => d.Exp()),
        ("binary op, left operand", (d, live) => d + live),
        ("binary op, right operand", (d, live) => live * d),
        ("reduction", (d, _) => d.Sum()),
        ("matmul", (d, live) => live.MatMul(d)),
        ("softmax", (d, _) => d.Softmax()),
        ("concat", (d, live) => Tensor.Concat([live, d])),
        ("reshape", (d, _) => d.Reshape(3, 2)),
        ("slice", (d, _) => d.Slice(0, 0, 1)),
        ("transpose", (d, _) => d.Transpose()),
        ("expand", (d, _) => d.Expand(4, 2, 3)),
        ("cast", (d, _) => d.To(DType.Float64)),
        ("copy into it", (d, live) => { live.CopyTo(d); return null; }),
        ("read it", (d, _) => d.ToArray<float>()),
        ("item", (d, _) => d.Sum().Item()),
        ("require gradients", (d, _) => d.RequiresGrad = true),
    ];

    public static IEnumerable<TestCaseData> Cases() => Uses.Select(u => new TestCaseData(u.Use).SetName($"Disposed tensor: {u.Name}"));

    [TestCaseSource(nameof(Cases))]
    public void Throws(Func<Tensor, Tensor, object?> use)
    {
        using var scope = new TensorScope();
        var live = Tensor.Ones(new Shape(2, 3));
        var disposed = Tensor.Ones(new Shape(2, 3));
        disposed.Dispose();
        var e = Assert.Throws<DisposedTensorException>(() => use(disposed, live));
        Assert.That(e!.Message, Does.Contain("disposed").And.Contain("[2, 3]"));
    }

    [Test]
    public void ShapeAndDescriptionRemainAvailable()
    {
        var t = Tensor.Ones(new Shape(2, 3));
        t.Dispose();
        Assert.That(t.Shape, Is.EqualTo(new Shape(2, 3)));
        Assert.That(t.IsDisposed, Is.True);
        Assert.That(t.ToString(), Is.EqualTo("Tensor(disposed, shape=[2, 3])"));
    }
}
