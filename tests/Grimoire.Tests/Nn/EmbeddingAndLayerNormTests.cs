using Grimoire.Nn.Layers;

namespace Grimoire.Tests.Nn;

/// <summary>Embedding looks rows up by id and sends gradients back to them (repeated ids add up); layer norm normalises
/// each sample over its trailing axes as the definition says (its gradients are in <see cref="NnGradientTests"/>).</summary>
public class EmbeddingAndLayerNormTests
{
    [Test]
    public void EmbeddingGathersRowsAndAddsTheGradientsOfRepeatedIds()
    {
        using var scope = new TensorScope();
        using var embedding = new Embedding(5, 3, new Rng(1), DType.Float64);
        var table = embedding.Weight.Value.ToDoubleArray();
        var ids = Tensor.FromArray(new[] { 4, 0, 4, 2 }, new Shape(2, 2));
        var vectors = embedding.Forward(ids);
        Assert.That(vectors.Shape, Is.EqualTo(new Shape(2, 2, 3)));
        Assert.That(vectors.ToDoubleArray(), Is.EqualTo(new[] { 4, 0, 4, 2 }.SelectMany(id => table[(id * 3)..(id * 3 + 3)]).ToArray()));
        vectors.Sum().Backward();
        Assert.That(embedding.Weight.Grad!.ToDoubleArray(), Is.EqualTo(new double[] { 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 2, 2, 2 }));
    }

    [Test]
    public void EmbeddingRefusesIdsOutsideTheTableAndNonIntegerIds()
    {
        using var scope = new TensorScope();
        using var embedding = new Embedding(5, 3);
        Assert.That(Assert.Throws<ShapeException>(() => embedding.Forward(Tensor.FromArray(new[] { 1, 5 })))!.Message, Does.Contain("index 5"));
        Assert.Throws<DTypeException>(() => embedding.Forward(Tensor.Zeros(new Shape(2))));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(0, 3));
    }

    [Test]
    public void LayerNormNormalisesEachSampleOverItsTrailingAxes()
    {
        using var scope = new TensorScope();
        using var norm = new LayerNorm(new Shape(2, 3), epsilon: 1e-5, dtype: DType.Float64);
        var x = Tensor.RandN(new Shape(4, 2, 3), mean: 3, std: 2, rng: new Rng(2), dtype: DType.Float64);
        var values = x.ToDoubleArray();
        var y = norm.Forward(x).ToDoubleArray();
        for (var i = 0; i < 4; i++)
        {
            var sample = values[(i * 6)..(i * 6 + 6)];
            var (mean, variance) = (sample.Average(), sample.Select(v => (v - sample.Average()) * (v - sample.Average())).Average());
            Assert.That(y[(i * 6)..(i * 6 + 6)], Is.EqualTo(sample.Select(v => (v - mean) / Math.Sqrt(variance + 1e-5)).ToArray()).Within(1e-12));
        }
        Assert.Throws<ShapeException>(() => norm.Forward(Tensor.Zeros(new Shape(4, 3, 2), DType.Float64)));
        Assert.That(norm.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "weight", "bias" }));
    }
}
