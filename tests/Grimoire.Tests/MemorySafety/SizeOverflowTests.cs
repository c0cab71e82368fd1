namespace Grimoire.Tests.MemorySafety;

/// <summary>Sizes that wrap in 32-bit arithmetic are typed errors before anything allocates or a kernel runs. A padding of
/// 32768 gives 65537² output pixels, which once wrapped to a small buffer that conv2d and unfold wrote far past
/// (SIGSEGV) and fold aborted on.</summary>
public class SizeOverflowTests
{
    private static Tensor Pixel() => Tensor.Ones(new Shape(1, 1, 1, 1));

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("conv2d with padding 32768", () => Pixel().Conv2d(Pixel(), padding: 32768), "4295098369 output pixels");
        yield return Case("unfold with padding 32768", () => Pixel().Unfold(1, 1, padding: 32768), "4295098369 output pixels");
        yield return Case("fold back to a 65537 x 65537 image", () => Tensor.Ones(new Shape(1, 1, 1)).Fold(65537, 65537, 1, 1), "[1, 1, 65537, 65537]");
        yield return Case("fold with a kernel whose tap count wraps", () => Tensor.Ones(new Shape(1, 1, 1)).Fold(1, 1, 65536, 65536), "65536x65536");
        yield return Case("unfold whose rows wrap", () => Tensor.Ones(new Shape(1, 65536, 1, 1)).Unfold(256, 256, padding: 128), "unfolded rows");
        yield return Case("unfold whose padded height passes int", () => Pixel().Unfold(1, 1, padding: int.MaxValue / 2 + 1), "output pixels");
        yield return Case("conv2d whose dilated kernel span passes int", () => Pixel().Conv2d(Tensor.Ones(new Shape(1, 1, 2, 2)), padding: 1, dilation: int.MaxValue), "dilation 2147483647");
        yield return Case("unfold with dilation and padding 32768", () => Pixel().Unfold(2, 2, padding: 32768, dilation: 2), "output pixels");
        yield return Case("concat whose axis exceeds int", () => Tensor.Concat([Tensor.Zeros(new Shape(0, 1_500_000_000)), Tensor.Zeros(new Shape(0, 1_500_000_000))], 1), "3000000000");
    }

    private static TestCaseData Case(string name, Action act, string mention) => new TestCaseData(act, mention).SetName($"Size overflow: {name}");

    [TestCaseSource(nameof(Cases))]
    public void IsAShapeErrorNamingTheSize(Action act, string mention)
    {
        using var scope = new TensorScope();
        var e = Assert.Throws<ShapeException>(() => act());
        Assert.That(e!.Message, Does.Contain(mention));
    }

    [Test]
    public void SliceWithAHugeStepKeepsItsFirstElement()
    {
        using var scope = new TensorScope();
        var x = Tensor.Arange(5);
        var s = x.Slice(0, 0, 5, int.MaxValue);
        Assert.That(s.Shape, Is.EqualTo(new Shape(1)));
        Assert.That(s.ToArray<float>(), Is.EqualTo(new[] { 0f }));
        Assert.That(x.Slice(0, 3, 5, int.MaxValue).ToArray<float>(), Is.EqualTo(new[] { 3f }));
    }

    [Test]
    public void GeometryChecksEverySizeBeforeAKernelSeesIt()
    {
        Assert.Throws<ShapeException>(() => new Grimoire.Ops.UnfoldGeometry(1, 1, 65536, 65536, 1, 1, 1, 0), "an image past int elements");
        Assert.Throws<ShapeException>(() => new Grimoire.Ops.UnfoldGeometry(-1, 1, 3, 3, 1, 1, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Grimoire.Ops.UnfoldGeometry(1, 1, 3, 3, 0, 1, 1, 0));
        var g = new Grimoire.Ops.UnfoldGeometry(2, 3, 8, 6, 3, 3, 2, 1);
        Assert.That((g.OutHeight, g.OutWidth, g.Rows, g.Columns), Is.EqualTo((4, 3, 27, 12)));
    }
}
