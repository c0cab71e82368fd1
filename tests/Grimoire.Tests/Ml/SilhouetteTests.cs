using Grimoire.Ml.Metrics;

namespace Grimoire.Tests.Ml;

/// <summary>The silhouette against values worked out by hand and its documented limits.</summary>
public sealed class SilhouetteTests
{
    [Test]
    public void MatchesAHandComputedExample()
    {
        // Points 0, 1 | 10, 12 on a line. Point 0: a = 1, b = (10 + 12) / 2 = 11, s = 10/11. Point 1: a = 1, b = 10, s = 0.9.
        // Point 10: a = 2, b = 9.5, s = 7.5/9.5. Point 12: a = 2, b = 11.5, s = 9.5/11.5.
        using var x = Tensor.FromArray(new double[] { 0, 1, 10, 12 }, new Shape(4, 1));
        var expected = (10.0 / 11 + 0.9 + 7.5 / 9.5 + 9.5 / 11.5) / 4;
        Assert.That(Silhouette.Score(x, [0, 0, 1, 1]), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void ASingletonClusterScoresZeroForItsPoint()
    {
        using var x = Tensor.FromArray(new double[] { 0, 1, 10 }, new Shape(3, 1));
        // Point 10 alone: 0. Points 0 and 1: a = 1, b = 10 and 9.
        Assert.That(Silhouette.Score(x, [0, 0, 1]), Is.EqualTo((0.9 + 8.0 / 9) / 3).Within(1e-12));
    }

    [Test]
    public void OneClusterIsAnError()
    {
        using var x = Tensor.FromArray(new double[] { 0, 1, 2 }, new Shape(3, 1));
        Assert.Throws<ArgumentException>(() => Silhouette.Score(x, [0, 0, 0]));
    }
}
