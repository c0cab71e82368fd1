using static Grimoire.Tensor;

namespace Grimoire.Tests.BadInput;

/// <summary>Misuses of the public methods that are not kernel ops (views, factories, readers), checked like
/// <see cref="BadInputCases"/> checks the kernel ops.</summary>
public class ViewAndFactoryBadInputTests
{
    private static Tensor F32(params int[] dims) => Zeros(new Shape(dims));

    private static IEnumerable<BadInputCase> All()
    {
        yield return new("reshape", "to another element count", () => F32(2, 3).Reshape(4), typeof(ShapeException), "[2, 3]", "[4]");
        yield return new("reshape", "two inferred dimensions", () => F32(2, 3).Reshape(-1, -1), typeof(ShapeException), "[-1, -1]", "-1");
        yield return new("reshape", "inferred dimension that does not divide", () => F32(2, 3).Reshape(-1, 4), typeof(ShapeException), "[2, 3]", "[-1, 4]");
        yield return new("reshape", "negative dimension", () => F32(2, 3).Reshape(-2, -3), typeof(ShapeException), "-2");
        yield return new("permute", "too few axes", () => F32(2, 3, 4).Permute(1, 0), typeof(ShapeException), "[2, 3, 4]", "[1, 0]");
        yield return new("permute", "repeated axis", () => F32(2, 3).Permute(1, -1), typeof(ShapeException), "[1, -1]", "[2, 3]");
        yield return new("permute", "axis out of range", () => F32(2, 3).Permute(0, 2), typeof(ShapeException), "axis 2", "[2, 3]");
        yield return new("transpose", "rank 1", () => F32(3).Transpose(), typeof(ShapeException), "[3]");
        yield return new("expand", "non-1 dimension to another size", () => F32(2, 3).Expand(4, 3), typeof(ShapeException), "[2, 3]", "[4, 3]");
        yield return new("expand", "to a lower rank", () => F32(2, 3).Expand(3), typeof(ShapeException), "[2, 3]", "[3]");
        yield return new("slice", "end past the axis", () => F32(2, 3).Slice(1, 0, 4), typeof(ShapeException), "[0:4]", "size 3", "[2, 3]");
        yield return new("slice", "start after end", () => F32(2, 3).Slice(1, 2, 1), typeof(ShapeException), "[2:1]");
        yield return new("slice", "step 0", () => F32(2, 3).Slice(1, 0, 3, 0), typeof(ArgumentException), "step", "0");
        yield return new("unsqueeze", "axis past rank", () => F32(2, 3).Unsqueeze(4), typeof(ShapeException), "axis 4", "[2, 3]");
        yield return new("squeeze", "axis of size 3", () => F32(2, 3).Squeeze(1), typeof(ShapeException), "size 3", "[2, 3]");
        yield return new("sum_to", "shape that is not a broadcast source", () => F32(2, 3).SumTo(new Shape(2)), typeof(ShapeException), "[2, 3]", "[2]");
        yield return new("item", "more than one element", () => F32(2).Item(), typeof(ShapeException), "[2]");
        yield return new("to_array", "wrong element type", () => F32(2).ToArray<double>(), typeof(DTypeException), "f32");
        yield return new("from_array", "values that do not fill the shape", () => FromArray(new float[5], new Shape(2, 3)), typeof(ShapeException), "5", "[2, 3]");
        yield return new("shape", "negative dimension", () => new Shape(2, -1), typeof(ShapeException), "[2, -1]");
        yield return new("shape", "more than int.MaxValue elements", () => new Shape(65536, 65536), typeof(ShapeException), "[65536, 65536]");
        yield return new("arange", "step 0", () => Arange(0, 5, 0), typeof(ArgumentException), "step", "0");
        yield return new("rand_u", "low above high", () => RandU(new Shape(2), 3, 1, new Rng(0)), typeof(ArgumentException), "[3, 1)");
        yield return new("one_hot", "labels of rank 2", () => OneHot(Zeros(new Shape(2, 2), DType.Int32), 3), typeof(ShapeException), "[2, 2]");
        yield return new("one_hot", "a label past the classes", () => OneHot(FromArray(new[] { 0, 3 }), 3), typeof(ShapeException), "index 3", "[0, 3)");
        yield return new("one_hot", "a negative label", () => OneHot(FromArray(new[] { -1 }), 3), typeof(ShapeException), "index -1");
        yield return new("full", "an i32 value past int range", () => Full(new Shape(2), 1e10, DType.Int32), typeof(ArgumentOutOfRangeException), "10000000000", "i32");
        yield return new("full", "an i32 NaN", () => Full(new Shape(2), double.NaN, DType.Int32), typeof(ArgumentOutOfRangeException), "NaN");
        yield return new("arange", "i32 values past int range", () => Arange(0, 5e9, 1e9, DType.Int32), typeof(ArgumentOutOfRangeException), "3000000000", "i32");
        yield return new("arange", "an infinite bound", () => Arange(0, double.PositiveInfinity), typeof(ArgumentException), "finite");
        yield return new("slice", "a step whose arithmetic passes int", () => F32(5).Slice(0, 0, 5, int.MaxValue).Slice(0, 0, 2), typeof(ShapeException), "[0:2]", "size 1");
    }

    public static IEnumerable<TestCaseData> Cases() => All().Select(c => new TestCaseData(c).SetName($"BadInput {c}"));

    [TestCaseSource(nameof(Cases))]
    public void RaisesTypedExceptionNamingTheProblem(BadInputCase c)
    {
        using var scope = new TensorScope();
        var thrown = Assert.Catch(() => c.Act());
        Assert.That(thrown, Is.TypeOf(c.Exception), thrown?.ToString());
        foreach (var mention in c.MessageMentions) Assert.That(thrown!.Message, Does.Contain(mention));
    }
}
