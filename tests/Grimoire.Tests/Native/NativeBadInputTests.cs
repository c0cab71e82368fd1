using Grimoire.Native;
using Grimoire.Tests.BadInput;
using static Grimoire.Native.GemmLayout;
using static Grimoire.Native.GemmTranspose;

namespace Grimoire.Tests.Native;

/// <summary>Bad arguments to the native wrapper are rejected on the managed side, before any pointer reaches the
/// library, with typed exceptions naming the argument and its value.</summary>
public class NativeBadInputTests
{
    private static readonly float[] Six = new float[6], Twelve = new float[12];

    private static IEnumerable<BadInputCase> All()
    {
        yield return new("sgemm", "negative m", () => NativeBlas.Sgemm(RowMajor, None, None, -1, 2, 2, 1, Six, 2, Six, 2, 0, Six, 2), typeof(ShapeException), "m=-1");
        yield return new("sgemm", "lda below k (row-major)", () => NativeBlas.Sgemm(RowMajor, None, None, 2, 3, 4, 1, Twelve, 3, Twelve, 3, 0, Six, 3), typeof(ShapeException), "lda=3", "A (2 x 4)");
        yield return new("sgemm", "lda below m (column-major)", () => NativeBlas.Sgemm(ColumnMajor, None, None, 3, 2, 2, 1, Six, 2, Six, 2, 0, Six, 3), typeof(ShapeException), "lda=2", "A (2 x 3)");
        yield return new("sgemm", "ldb below n when B is transposed", () => NativeBlas.Sgemm(RowMajor, None, Transpose, 2, 3, 2, 1, Six, 2, Six, 1, 0, Six, 3), typeof(ShapeException), "ldb=1");
        yield return new("sgemm", "ldc below n", () => NativeBlas.Sgemm(RowMajor, None, None, 2, 3, 2, 1, Six, 2, Six, 3, 0, Six, 2), typeof(ShapeException), "ldc=2");
        yield return new("sgemm", "A shorter than its extent", () => NativeBlas.Sgemm(RowMajor, None, None, 3, 2, 4, 1, Six, 4, Twelve, 2, 0, Six, 2), typeof(ShapeException), "A holds 6", "needs 12");
        yield return new("sgemm", "C shorter than its extent", () => NativeBlas.Sgemm(RowMajor, None, None, 3, 3, 2, 1, Six, 2, Six, 3, 0, Six, 3), typeof(ShapeException), "C holds 6", "needs 9");
        yield return new("sgemm", "undefined layout", () => NativeBlas.Sgemm((GemmLayout)7, None, None, 1, 1, 1, 1, Six, 1, Six, 1, 0, Six, 1), typeof(ArgumentOutOfRangeException), "GemmLayout");
        yield return new("sgemm", "zero threads", () => NativeBlas.Sgemm(RowMajor, None, None, 1, 1, 1, 1, Six, 1, Six, 1, 0, Six, 1, threads: 0), typeof(ArgumentOutOfRangeException), "threads");
        yield return new("sgemm_bias_act", "bias of the wrong length", () => NativeBlas.SgemmBiasAct(RowMajor, None, None, 2, 3, 2, Six, 2, Six, 3, new float[2], Activation.Relu, Six, 3), typeof(ShapeException), "bias holds 2", "n=3");
        yield return new("sgemm_bias_act", "undefined activation", () => NativeBlas.SgemmBiasAct(RowMajor, None, None, 1, 1, 1, Six, 1, Six, 1, [], (Activation)9, Six, 1), typeof(ArgumentOutOfRangeException), "Activation");
        yield return new("softmax_rows", "spans not rows x cols", () => NativeBlas.SoftmaxRows(Six, Twelve, 2, 3), typeof(ShapeException), "2 x 3", "y holds 12");
        yield return new("softmax_rows", "negative cols", () => NativeBlas.SoftmaxRows([], [], 0, -1), typeof(ShapeException), "cols=-1");
        yield return new("log_softmax_rows", "partly overlapping x and y", () => NativeBlas.LogSoftmaxRows(Twelve.AsSpan(0, 6), Twelve.AsSpan(3, 6), 2, 3), typeof(ArgumentException), "overlap");
        yield return new("vendor_sgemm", "undefined vendor", () => VendorBlas.Sgemm((BlasVendor)5, RowMajor, None, None, 1, 1, 1, 1, Six, 1, Six, 1, 0, Six, 1), typeof(ArgumentOutOfRangeException), "BlasVendor");
        yield return new("vendor_sgemm", "lda below k", () => VendorBlas.Sgemm(BlasVendor.OpenBlas, RowMajor, None, None, 2, 2, 3, 1, Six, 2, Six, 2, 0, Six, 2), typeof(ShapeException), "lda=2");
    }

    public static IEnumerable<TestCaseData> Cases() => All().Select(c => new TestCaseData(c).SetName($"NativeBadInput {c}"));

    [TestCaseSource(nameof(Cases))]
    public void RaisesTypedExceptionNamingTheProblem(BadInputCase c)
    {
        var thrown = Assert.Catch(() => c.Act());
        Assert.That(thrown, Is.TypeOf(c.Exception), thrown?.ToString());
        foreach (var mention in c.MessageMentions) Assert.That(thrown!.Message, Does.Contain(mention));
    }

    [Test]
    public void EmptyProductsNeedNoOperands()
    {
        NativeBlas.Sgemm(RowMajor, None, None, 0, 0, 0, 1, [], 1, [], 1, 0, [], 1);
        var c = new float[] { 5, 5 };
        NativeBlas.Sgemm(RowMajor, None, None, 1, 2, 0, 1, [], 1, [], 2, 0, c, 2);
        Assert.That(c, Is.EqualTo(new float[] { 0, 0 }), "k = 0 leaves beta·C");
    }
}
