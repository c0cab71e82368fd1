using Grimoire.Imaging;

namespace Grimoire.Models.Vision;

/// <summary>How well superpixels follow colour: the mean squared RGB distance of a pixel from the mean colour of its
/// superpixel, against the same from the mean colour of the whole image. Good superpixels keep the first a small
/// fraction of the second, since each should cover one nearly uniform patch.</summary>
public static class SuperpixelStatistics
{
    /// <summary>Mean squared RGB distance (per pixel, channels 0–255) of each pixel of <paramref name="image"/> from its
    /// superpixel's mean colour (Within) and from the image's mean colour (Global); the segmentation must cover the
    /// image.</summary>
    public static (double Within, double Global) ColourVariance(Canvas image, Slic.Segmentation segmentation)
    {
        var sums = new double[segmentation.Count, 3];
        var counts = new int[segmentation.Count];
        var total = new double[3];
        var labels = segmentation.Labels;
        for (var i = 0; i < labels.Length; i++)
        {
            counts[labels[i]]++;
            for (var c = 0; c < 3; c++)
            {
                sums[labels[i], c] += image.Pixels[3 * i + c];
                total[c] += image.Pixels[3 * i + c];
            }
        }
        double within = 0, global = 0;
        for (var i = 0; i < labels.Length; i++)
            for (var c = 0; c < 3; c++)
            {
                var v = image.Pixels[3 * i + c];
                within += Square(v - sums[labels[i], c] / counts[labels[i]]);
                global += Square(v - total[c] / labels.Length);
            }
        return (within / labels.Length, global / labels.Length);
    }

    /// <summary>True at a pixel whose right or lower neighbour lies in another superpixel: a one-pixel boundary.</summary>
    public static bool IsBoundary(Slic.Segmentation s, int x, int y)
    {
        var label = s.Labels[y * s.Width + x];
        return (x + 1 < s.Width && s.Labels[y * s.Width + x + 1] != label) || (y + 1 < s.Height && s.Labels[(y + 1) * s.Width + x] != label);
    }

    private static double Square(double v) => v * v;
}
