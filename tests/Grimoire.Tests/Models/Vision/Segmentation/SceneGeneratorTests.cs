using Grimoire.Models.Vision.Segmentation;

namespace Grimoire.Tests.Models.Vision.Segmentation;

/// <summary>The scene generator of `train segmentation`: reproducible per seed, pixels in range, and labels that are
/// the shapes it draws.</summary>
[TestFixture]
public sealed class SceneGeneratorTests
{
    [Test]
    public void TheSameSeedGivesTheSameScenesAndAnotherSeedDoesNot()
    {
        var a = SceneGenerator.Generate(20, 24, new Rng(5));
        var b = SceneGenerator.Generate(20, 24, new Rng(5));
        var c = SceneGenerator.Generate(20, 24, new Rng(6));
        Assert.That(a.Pixels, Is.EqualTo(b.Pixels));
        Assert.That(a.Labels, Is.EqualTo(b.Labels));
        Assert.That(a.Labels, Is.Not.EqualTo(c.Labels));
    }

    [Test]
    public void ScenesHaveRgbPixelsInRangeAndEveryClassAppears()
    {
        var scenes = SceneGenerator.Generate(50, 32, new Rng(1));
        Assert.That(scenes.Pixels, Has.Length.EqualTo(50 * 3 * 32 * 32));
        Assert.That(scenes.Labels, Has.Length.EqualTo(50 * 32 * 32));
        Assert.That(scenes.Pixels, Is.All.InRange(0f, 1f));
        Assert.That(scenes.Labels.Distinct().Order(), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        for (var s = 0; s < scenes.Count; s++)
        {
            var things = scenes.Labels.AsSpan(s * 32 * 32, 32 * 32).ToArray().Count(l => l != Scenes.Background);
            Assert.That(things, Is.GreaterThan(0), $"scene {s} has a thing");
            Assert.That(things, Is.LessThan(32 * 32), $"scene {s} shows some background");
        }
        using var x = scenes.PixelTensor();
        using var y = scenes.LabelTensor();
        Assert.That(x.Shape, Is.EqualTo(new Shape(50, 3, 32, 32)));
        Assert.That(y.Shape, Is.EqualTo(new Shape(50, 32, 32)));
    }

    /// <summary>Each thing is painted in one jittered colour plus noise of σ 0.06, so within a labelled region the
    /// pixels of a channel stay near their mean; labels and pixels come from the same drawing.</summary>
    [Test]
    public void LabelledRegionsHaveTheirThingsColour()
    {
        var scenes = SceneGenerator.Generate(30, 32, new Rng(2));
        const int plane = 32 * 32;
        var (red, blue) = (0.0, 0.0);
        var circles = 0;
        for (var s = 0; s < scenes.Count; s++)
        {
            for (var i = 0; i < plane; i++)
            {
                if (scenes.Labels[s * plane + i] != Scenes.Circle) continue;
                red += scenes.Pixels[s * 3 * plane + i];
                blue += scenes.Pixels[s * 3 * plane + 2 * plane + i];
                circles++;
            }
        }
        Assert.That(circles, Is.GreaterThan(0));
        Assert.That(red / circles, Is.GreaterThan(0.65), "circles are reddish");
        Assert.That(blue / circles, Is.LessThan(0.4));
    }

    [Test]
    public void InsideTestsMatchTheShapesByHand()
    {
        // Half-extent 2 at centre (5.5, 5.5): pixel (x, y) has its centre at (x + 0.5, y + 0.5).
        Assert.That(SceneGenerator.Inside(Scenes.Circle, 5.5, 5.5, 2, 4, 4), Is.True);
        Assert.That(SceneGenerator.Inside(Scenes.Circle, 5.5, 5.5, 2, 7, 7), Is.False, "corner (7.5, 7.5) is 2.12 away");
        Assert.That(SceneGenerator.Inside(Scenes.Square, 5.5, 5.5, 2, 7, 7), Is.True);
        Assert.That(SceneGenerator.Inside(Scenes.Square, 5.5, 5.5, 2, 8, 5), Is.False);
        Assert.That(SceneGenerator.Inside(Scenes.Triangle, 5.5, 5.5, 2, 5, 4), Is.True, "near the apex, on the axis");
        Assert.That(SceneGenerator.Inside(Scenes.Triangle, 5.5, 5.5, 2, 4, 4), Is.False, "beside the apex");
        Assert.That(SceneGenerator.Inside(Scenes.Triangle, 5.5, 5.5, 2, 4, 7), Is.True, "wide at the base");
        Assert.Throws<ArgumentOutOfRangeException>(() => SceneGenerator.Inside(Scenes.Background, 5, 5, 2, 5, 5));
    }

    [Test]
    public void BadSizesAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SceneGenerator.Generate(0, 32, new Rng(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SceneGenerator.Generate(4, 8, new Rng(0)));
    }
}
