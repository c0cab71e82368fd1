using Grimoire.Ml.BiasVariance;

namespace Grimoire.Tests.Ml;

/// <summary>The bias–variance study shows what §6.1 says: more capacity lowers training error, test error has an
/// interior minimum among the polynomials, and the right function class beats a straight line on test data.</summary>
public sealed class BiasVarianceTests
{
    [TestCase(0)]
    [TestCase(1)]
    public void TrainingErrorFallsAndTestErrorTurnsBackUp(int seed)
    {
        var rows = BiasVarianceStudy.Run(new BiasVarianceStudy.Options(Seed: seed, Steps: 2000));
        var polynomials = rows.Where(r => r.Model.StartsWith("polynomial")).ToList();
        Assert.That(polynomials[^1].TrainMse, Is.LessThan(polynomials[0].TrainMse / 2), "the largest model fits the training set far better");
        var bestTest = polynomials.Min(r => r.TestMse);
        Assert.That(polynomials[^1].TestMse, Is.GreaterThan(bestTest * 1.2), "the largest model generalises worse than the best");
        Assert.That(polynomials[0].TestMse, Is.GreaterThan(bestTest * 1.5), "a line underfits");
        Assert.That(rows[^1].TestMse, Is.LessThan(polynomials[0].TestMse), "the sinusoidal model beats the line on test data");
    }

    [Test]
    public void OptionsOutOfRangeAreRejected() =>
        Assert.Throws<ArgumentException>(() => BiasVarianceStudy.Run(new BiasVarianceStudy.Options(MaxDegree: 0)));
}
