using Grimoire.Rlhf.RewardModels;

namespace Grimoire.Tests.Rlhf;

/// <summary>The Bradley–Terry loss −log σ(r_c − r_r): its value by hand, its gradient against central finite differences
/// in float64, and the pairwise accuracy.</summary>
public sealed class BradleyTerryTests
{
    [Test]
    public void LossIsTheMeanNegativeLogSigmoidOfTheMargin()
    {
        using var scope = new TensorScope();
        double[] chosen = [2, -1, 0.5], rejected = [1, 1, 0.5];
        var loss = BradleyTerry.Loss(Tensor.FromArray(chosen), Tensor.FromArray(rejected)).Item();
        var expected = chosen.Zip(rejected, (c, r) => -Math.Log(1 / (1 + Math.Exp(-(c - r))))).Average();
        Assert.That(loss, Is.EqualTo(expected).Within(1e-12));
        Assert.That(BradleyTerry.Loss(Tensor.FromArray(new[] { 100.0 }), Tensor.FromArray(new[] { -100.0 })).Item(), Is.EqualTo(0).Within(1e-12), "a huge margin stays finite");
    }

    [FsCheck.NUnit.Property(MaxTest = 30)]
    public bool GradientMatchesFiniteDifferences(FsCheck.NonEmptyArray<FsCheck.NormalFloat> seeds)
    {
        using var scope = new TensorScope();
        var n = Math.Min(seeds.Get.Length, 6);
        var chosen = seeds.Get.Take(n).Select(v => Math.Clamp(v.Get, -5, 5)).ToArray();
        var rejected = chosen.Select((v, i) => Math.Sin(v * 3 + i) * 2).ToArray();
        var (c, r) = (Tensor.FromArray(chosen), Tensor.FromArray(rejected));
        c.RequiresGrad = r.RequiresGrad = true;
        BradleyTerry.Loss(c, r).Backward();
        var (gc, gr) = (c.Grad!.ToArray<double>(), r.Grad!.ToArray<double>());
        const double h = 1e-6;
        for (var i = 0; i < n; i++)
        {
            if (Math.Abs(Numeric(chosen, rejected, i, h, onChosen: true) - gc[i]) > 1e-7) return false;
            if (Math.Abs(Numeric(chosen, rejected, i, h, onChosen: false) - gr[i]) > 1e-7) return false;
        }
        return true;
    }

    [Test]
    public void AccuracyCountsPairsWhoseChosenScoreIsHigher() =>
        Assert.That(BradleyTerry.Accuracy([3f, 1f, 0f, 2f], [1f, 2f, 0f, 1f]), Is.EqualTo(0.5));

    [Test]
    public void ScoresOfDifferentShapesAreRefused()
    {
        using var scope = new TensorScope();
        Assert.That(() => BradleyTerry.Loss(Tensor.FromArray(new[] { 1.0, 2 }), Tensor.FromArray(new[] { 1.0 })), Throws.InstanceOf<ShapeException>());
    }

    private static double Numeric(double[] chosen, double[] rejected, int i, double h, bool onChosen)
    {
        double At(double delta)
        {
            using var scope = new TensorScope();
            var (c, r) = ((double[])chosen.Clone(), (double[])rejected.Clone());
            if (onChosen) c[i] += delta;
            else r[i] += delta;
            return BradleyTerry.Loss(Tensor.FromArray(c), Tensor.FromArray(r)).Item();
        }
        return (At(h) - At(-h)) / (2 * h);
    }
}
