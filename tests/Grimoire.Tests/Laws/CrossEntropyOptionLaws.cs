using FsCheck;
using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Laws;

/// <summary>Cross-entropy's options against the definition computed here in plain loops: per-row losses
/// −Σⱼ targetᵢⱼ·log softmax(x)ᵢⱼ with target (1 − ε)·onehot + ε/classes, ignored rows contributing nothing and left out of
/// the mean; with no option set the composed path and the fused kernel agree.</summary>
public class CrossEntropyOptionLaws
{
    private const int Ignored = -100;

    private static Gen<(TensorSpec Logits, int[] Labels, double Smoothing)> Cases() =>
        Gen.Zip(Gen.Choose(1, 7), Gen.Choose(1, 6)).SelectMany(p => Gens.Zip3(
            Gens.Tensor(new Shape(p.Item1, p.Item2), DType.Float64, -4, 4),
            Gen.ArrayOf(Gen.Frequency((4, Gen.Choose(0, p.Item2 - 1)), (1, Gen.Constant(Ignored))), p.Item1),
            Gen.Elements(0.0, 0.1, 0.5)));

    private static double[] RowLosses(TensorSpec logits, int[] labels, double smoothing)
    {
        var (n, c) = (logits.Shape[0], logits.Shape[1]);
        var losses = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (labels[i] == Ignored) continue;
            var row = logits.Values.AsSpan(i * c, c).ToArray();
            var lse = row.Max() + Math.Log(row.Sum(v => Math.Exp(v - row.Max())));
            for (var j = 0; j < c; j++) losses[i] -= ((j == labels[i] ? 1 - smoothing : 0) + smoothing / c) * (row[j] - lse);
        }
        return losses;
    }

    [Test]
    public void EachReductionFollowsTheDefinition() => PropertyCheck.ForAll(Cases(), p =>
    {
        var (logits, labels) = (p.Logits.Build(), Tensor.FromArray(p.Labels));
        var losses = RowLosses(p.Logits, p.Labels, p.Smoothing);
        var counted = p.Labels.Count(l => l != Ignored);
        Assert.That(logits.CrossEntropy(labels, Ignored, p.Smoothing, Reduction.None).ToDoubleArray(), Is.EqualTo(losses).Within(1e-12));
        Assert.That(logits.CrossEntropy(labels, Ignored, p.Smoothing, Reduction.Sum).Item(), Is.EqualTo(losses.Sum()).Within(1e-12));
        var mean = logits.CrossEntropy(labels, Ignored, p.Smoothing).Item();
        if (counted == 0) Assert.That(mean, Is.NaN);
        else Assert.That(mean, Is.EqualTo(losses.Sum() / counted).Within(1e-12));
    });

    [Test]
    public void WithoutIgnoredRowsTheComposedPathMatchesTheFusedKernel() => PropertyCheck.ForAll(Cases(), p =>
    {
        var labels = Tensor.FromArray([.. p.Labels.Select(l => Math.Max(0, l))]);
        var logits = p.Logits.Build();
        Assert.That(logits.CrossEntropy(labels, ignoreIndex: Ignored).Item(), Is.EqualTo(logits.CrossEntropy(labels).Item()).Within(1e-12));
        Assert.That(logits.CrossEntropy(labels, reduction: Reduction.Sum).Item() / p.Logits.Shape[0], Is.EqualTo(logits.CrossEntropy(labels).Item()).Within(1e-12));
    });

    [Test]
    public void AnUnbatchedRowIsABatchOfOne() => PropertyCheck.ForAll(Cases(), p =>
    {
        var c = p.Logits.Shape[1];
        var row = Tensor.FromArray(p.Logits.Values[..c], new Shape(c));
        row.RequiresGrad = true;
        var labels = p.Labels.Select(l => Math.Max(0, l)).ToArray();
        var label = Tensor.Scalar(labels[0], DType.Int32);
        var expected = RowLosses(p.Logits, labels, p.Smoothing)[0];
        var fused = row.CrossEntropy(label);
        fused.Backward();
        var gradient = row.Softmax().ToDoubleArray().Select((v, j) => v - (j == labels[0] ? 1 : 0));
        Assert.That(fused.Shape, Is.EqualTo(Shape.Scalar));
        Assert.That(fused.Item(), Is.EqualTo(RowLosses(p.Logits, labels, 0)[0]).Within(1e-12));
        Assert.That(row.Grad!.ToDoubleArray(), Is.EqualTo(gradient).Within(1e-12));
        foreach (var reduction in Enum.GetValues<Reduction>())
        {
            var loss = row.CrossEntropy(label, Ignored, p.Smoothing, reduction);
            Assert.That(loss.Shape, Is.EqualTo(Shape.Scalar), reduction.ToString());
            Assert.That(loss.Item(), Is.EqualTo(expected).Within(1e-12), reduction.ToString());
        }
    });

    [Test]
    public void BadOptionsAreRefused()
    {
        using var scope = new TensorScope();
        var logits = Tensor.Zeros(new Shape(2, 3));
        var labels = Tensor.FromArray(new[] { 0, 5 });
        Assert.That(Assert.Throws<ShapeException>(() => logits.CrossEntropy(labels, ignoreIndex: -1))!.Message, Does.Contain("index 5"));
        Assert.Throws<ArgumentOutOfRangeException>(() => logits.CrossEntropy(Tensor.FromArray(new[] { 0, 1 }), labelSmoothing: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => logits.CrossEntropy(Tensor.FromArray(new[] { 0, 1 }), reduction: (Reduction)7));
    }
}
