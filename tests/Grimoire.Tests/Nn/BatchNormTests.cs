using Grimoire.Nn.Layers;

namespace Grimoire.Tests.Nn;

/// <summary>Batch norm's statistics by hand: training normalises with the batch mean and biased variance and moves
/// the running averages (momentum 0.1) towards the mean and unbiased variance; evaluation uses the running averages
/// and leaves them alone.</summary>
[TestFixture]
public sealed class BatchNormTests
{
    private const double Exact = 1e-12;
    private const double Eps = 1e-5;

    // Feature 0: 1, 3, 5 → mean 3, biased variance 8/3, unbiased 4. Feature 1: 2, 6, 10 → mean 6, biased 32/3, unbiased 16.
    private static Tensor Batch() => Tensor.FromArray([1.0, 2, 3, 6, 5, 10], new Shape(3, 2));

    [Test]
    public void TrainingNormalisesWithBatchStatistics()
    {
        using var bn = new BatchNorm1d(2, dtype: DType.Float64);
        using var x = Batch();
        using var y = bn.Forward(x);
        double Z(double v, double mean, double variance) => (v - mean) / Math.Sqrt(variance + Eps);
        Assert.That(y.ToDoubleArray(), Is.EqualTo(new[] { Z(1, 3, 8.0 / 3), Z(2, 6, 32.0 / 3), 0, 0, Z(5, 3, 8.0 / 3), Z(10, 6, 32.0 / 3) }).Within(Exact));
    }

    [Test]
    public void RunningStatisticsFollowPyTorchsUpdate()
    {
        using var bn = new BatchNorm1d(2, dtype: DType.Float64);
        using var x = Batch();
        // step 1: mean 0.9·0 + 0.1·(3, 6) = (0.3, 0.6); var 0.9·1 + 0.1·(4, 16) = (1.3, 2.5)
        using (new TensorScope()) bn.Forward(x);
        Assert.That(bn.RunningMean.ToDoubleArray(), Is.EqualTo(new[] { 0.3, 0.6 }).Within(Exact));
        Assert.That(bn.RunningVar.ToDoubleArray(), Is.EqualTo(new[] { 1.3, 2.5 }).Within(Exact));
        // step 2: mean 0.27 + 0.3 = 0.57, 0.54 + 0.6 = 1.14; var 1.17 + 0.4 = 1.57, 2.25 + 1.6 = 3.85
        using (new TensorScope()) bn.Forward(x);
        Assert.That(bn.RunningMean.ToDoubleArray(), Is.EqualTo(new[] { 0.57, 1.14 }).Within(Exact));
        Assert.That(bn.RunningVar.ToDoubleArray(), Is.EqualTo(new[] { 1.57, 3.85 }).Within(Exact));
    }

    [Test]
    public void EvaluationUsesRunningStatisticsAndKeepsThem()
    {
        using var bn = new BatchNorm1d(2, momentum: 0.5, dtype: DType.Float64);
        using var x = Batch();
        using (new TensorScope()) bn.Forward(x); // running mean (1.5, 3), running var (0.5 + 2, 0.5 + 8) = (2.5, 8.5)
        bn.Eval();
        using var one = Tensor.FromArray([1.0, 2], new Shape(1, 2));
        using var y = bn.Forward(one);
        Assert.That(y.ToDoubleArray(), Is.EqualTo(new[] { (1 - 1.5) / Math.Sqrt(2.5 + Eps), (2 - 3) / Math.Sqrt(8.5 + Eps) }).Within(Exact));
        Assert.That(bn.RunningMean.ToDoubleArray(), Is.EqualTo(new[] { 1.5, 3 }).Within(Exact));
        Assert.That(bn.RunningVar.ToDoubleArray(), Is.EqualTo(new[] { 2.5, 8.5 }).Within(Exact));
    }

    [Test]
    public void BatchNorm2dPoolsEachChannelOverBatchAndPixels()
    {
        using var bn = new BatchNorm2d(2, dtype: DType.Float64);
        // channel 0 holds 1, 3 (image 0) and 5, 7 (image 1): mean 4, unbiased variance 20/3; channel 1 is all 2s
        using var x = Tensor.FromArray([1.0, 3, 2, 2, 5, 7, 2, 2], new Shape(2, 2, 1, 2));
        using (new TensorScope()) bn.Forward(x);
        Assert.That(bn.RunningMean.ToDoubleArray(), Is.EqualTo(new[] { 0.4, 0.2 }).Within(Exact));
        Assert.That(bn.RunningVar.ToDoubleArray(), Is.EqualTo(new[] { 0.9 + 2.0 / 3, 0.9 }).Within(Exact));
    }

    [Test]
    public void BuffersAreNamedLikePyTorchsAndAreNotParameters()
    {
        using var model = new Sequential(new Linear(3, 2), new BatchNorm1d(2));
        Assert.That(model.NamedParameters().Select(p => p.Name), Is.EqualTo(new[] { "0.weight", "0.bias", "1.weight", "1.bias" }));
        Assert.That(model.NamedBuffers().Select(b => b.Name), Is.EqualTo(new[] { "1.running_mean", "1.running_var" }));
    }

    [Test]
    public void WrongShapesAreRefused()
    {
        using var bn1 = new BatchNorm1d(3);
        using var bn2 = new BatchNorm2d(3);
        using var flat = Tensor.Zeros(new Shape(4, 2));
        using var image = Tensor.Zeros(new Shape(4, 3, 2, 2));
        using var single = Tensor.Zeros(new Shape(1, 3));
        Assert.That(() => bn1.Forward(flat), Throws.TypeOf<ShapeException>().With.Message.Contain("BatchNorm1d(3)").And.Message.Contain("[4, 2]"));
        Assert.That(() => bn1.Forward(image), Throws.TypeOf<ShapeException>().With.Message.Contain("rank 2"));
        Assert.That(() => bn2.Forward(flat), Throws.TypeOf<ShapeException>().With.Message.Contain("rank 4"));
        Assert.That(() => bn1.Forward(single), Throws.TypeOf<ShapeException>().With.Message.Contain("more than one value per feature"));
        Assert.That(() => new BatchNorm1d(0), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new BatchNorm1d(2, momentum: 1.5), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
