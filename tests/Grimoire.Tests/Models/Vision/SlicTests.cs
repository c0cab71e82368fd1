using Grimoire.Imaging;
using Grimoire.Models.Vision;

namespace Grimoire.Tests.Models.Vision;

/// <summary>SLIC superpixels on the generated scene: every pixel labelled, about k connected superpixels, visible
/// boundaries, and far less colour variance inside superpixels than across the image.</summary>
public sealed class SlicTests
{
    private static readonly Canvas Scene = SyntheticScene.Generate(120, 80, seed: 3);

    [TestCase(30, 10.0)]
    [TestCase(60, 10.0)]
    [TestCase(60, 40.0)]
    public void SegmentsIntoAboutKConnectedSuperpixelsThatFollowColour(int k, double compactness)
    {
        var s = Slic.Segment(Scene, k, compactness);
        Assert.That(s.Labels, Has.Length.EqualTo(120 * 80));
        Assert.That(s.Labels, Has.All.InRange(0, s.Count - 1), "every pixel labelled");
        Assert.That(s.Labels.Distinct().Count(), Is.EqualTo(s.Count), "labels are 0 … count−1, none empty");
        Assert.That(s.Count, Is.InRange(k / 2, k * 3 / 2), "label count within ±50 % of k");
        Assert.That(Components(s), Is.EqualTo(s.Count), "each superpixel is one 4-connected region");
        var boundary = Enumerable.Range(0, s.Labels.Length).Count(i => SuperpixelStatistics.IsBoundary(s, i % s.Width, i / s.Width));
        Assert.That(boundary, Is.GreaterThan(0).And.LessThan(s.Labels.Length / 2));
        var (within, global) = SuperpixelStatistics.ColourVariance(Scene, s);
        Assert.That(within, Is.LessThan(0.1 * global));
    }

    [Test]
    public void BadSettingsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Slic.Segment(Scene, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Slic.Segment(Scene, 120 * 80, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Slic.Segment(Scene, 30, double.NaN));
    }

    /// <summary>The number of 4-connected regions of equal label, counted by an independent flood fill.</summary>
    private static int Components(Slic.Segmentation s)
    {
        var seen = new bool[s.Labels.Length];
        var regions = 0;
        for (var start = 0; start < seen.Length; start++)
        {
            if (seen[start]) continue;
            regions++;
            var queue = new Queue<int>([start]);
            seen[start] = true;
            while (queue.TryDequeue(out var i))
            {
                int x = i % s.Width, y = i / s.Width;
                foreach (var n in new[] { x > 0 ? i - 1 : -1, x < s.Width - 1 ? i + 1 : -1, y > 0 ? i - s.Width : -1, y < s.Height - 1 ? i + s.Width : -1 })
                {
                    if (n < 0 || seen[n] || s.Labels[n] != s.Labels[i]) continue;
                    seen[n] = true;
                    queue.Enqueue(n);
                }
            }
        }
        return regions;
    }
}
