using Grimoire.Imaging;

namespace Grimoire.Models.Vision;

/// <summary>SLIC superpixels (Achanta et al. 2012; book §18.1): k-means on (L, a, b, x, y) where each center only
/// competes for the pixels of the 2S × 2S window around it (S = √(pixels / k), the grid step). Restricting the
/// search makes one iteration O(pixels) instead of O(pixels · k), and is what keeps superpixels compact. The distance
/// is √(d_lab² + (d_xy / S)² · m²): the compactness m trades colour adherence (small m) for regular shapes (large m).</summary>
public static class Slic
{
    /// <summary>The label of every pixel (row-major, 0 … Count−1, each superpixel 4-connected) and how many there are.</summary>
    public sealed record Segmentation(int[] Labels, int Count, int Width, int Height);

    /// <summary>Segments <paramref name="image"/> into about <paramref name="k"/> superpixels.</summary>
    public static Segmentation Segment(Canvas image, int k, double compactness, int iterations = 10)
    {
        var pixels = image.Width * image.Height;
        if (k < 1 || k > pixels / 4) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and {pixels / 4} (a quarter of the {pixels} pixels)");
        if (!(compactness > 0) || !double.IsFinite(compactness)) throw new ArgumentOutOfRangeException(nameof(compactness), compactness, "compactness must be a positive finite number");
        var lab = ToLab(image);
        var step = Math.Sqrt((double)pixels / k);
        var centers = GridCenters(lab, image.Width, image.Height, step);
        var labels = new int[pixels];
        var best = new double[pixels];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Assign(lab, image.Width, image.Height, centers, step, compactness, labels, best, firstPass: iteration == 0);
            Update(lab, image.Width, centers, labels);
        }
        var (connected, count) = SuperpixelConnectivity.Enforce(labels, image.Width, image.Height, minSize: (int)(step * step / 4));
        return new Segmentation(connected, count, image.Width, image.Height);
    }

    private static double[][] ToLab(Canvas image)
    {
        var lab = new double[image.Width * image.Height][];
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
            {
                var (l, a, b) = CieLab.FromRgb(image[x, y]);
                lab[y * image.Width + x] = [l, a, b];
            }
        return lab;
    }

    /// <summary>Centers [L, a, b, x, y] on a regular grid of step ≈ S, each moved to the lowest colour gradient of its
    /// 3 × 3 neighbourhood so that no center starts on an edge or a noisy pixel.</summary>
    private static double[][] GridCenters(double[][] lab, int width, int height, double step)
    {
        var (columns, rows) = (Math.Max(1, (int)Math.Round(width / step)), Math.Max(1, (int)Math.Round(height / step)));
        var centers = new List<double[]>(columns * rows);
        for (var row = 0; row < rows; row++)
            for (var column = 0; column < columns; column++)
            {
                var (x, y) = ((int)((column + 0.5) * width / columns), (int)((row + 0.5) * height / rows));
                var (bx, by) = (x, y);
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                        if (Gradient(lab, width, height, x + dx, y + dy) < Gradient(lab, width, height, bx, by)) (bx, by) = (x + dx, y + dy);
                var c = lab[by * width + bx];
                centers.Add([c[0], c[1], c[2], bx, by]);
            }
        return [.. centers];
    }

    /// <summary>‖I(x+1, y) − I(x−1, y)‖² + ‖I(x, y+1) − I(x, y−1)‖², infinite where a neighbour is off the image.</summary>
    private static double Gradient(double[][] lab, int width, int height, int x, int y)
    {
        if (x < 1 || y < 1 || x >= width - 1 || y >= height - 1) return double.PositiveInfinity;
        return Squared(lab[y * width + x + 1], lab[y * width + x - 1]) + Squared(lab[(y + 1) * width + x], lab[(y - 1) * width + x]);
    }

    /// <summary>Each center claims the pixels of its window that are closer to it than to any center seen so far.
    /// On the first pass every pixel is unclaimed; later a pixel no window reaches keeps its label.</summary>
    private static void Assign(double[][] lab, int width, int height, double[][] centers, double step, double m, int[] labels, double[] best, bool firstPass)
    {
        Array.Fill(best, double.PositiveInfinity);
        var spatialWeight = m * m / (step * step);
        var radius = (int)Math.Ceiling(step);
        for (var j = 0; j < centers.Length; j++)
        {
            var c = centers[j];
            var (cx, cy) = ((int)Math.Round(c[3]), (int)Math.Round(c[4]));
            for (var y = Math.Max(0, cy - radius); y < Math.Min(height, cy + radius); y++)
                for (var x = Math.Max(0, cx - radius); x < Math.Min(width, cx + radius); x++)
                {
                    var i = y * width + x;
                    var p = lab[i];
                    var (dx, dy) = (x - c[3], y - c[4]);
                    var distance = Squared(p, c) + (dx * dx + dy * dy) * spatialWeight;
                    if (distance < best[i]) (best[i], labels[i]) = (distance, j);
                }
        }
        if (firstPass && best.Any(double.IsInfinity)) throw new InvalidOperationException("SLIC: the search windows do not cover the image");
    }

    /// <summary>Moves every center to the mean (L, a, b, x, y) of its pixels; a center with none stays put.</summary>
    private static void Update(double[][] lab, int width, double[][] centers, int[] labels)
    {
        var sums = new double[centers.Length, 5];
        var counts = new int[centers.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            var j = labels[i];
            counts[j]++;
            for (var d = 0; d < 3; d++) sums[j, d] += lab[i][d];
            sums[j, 3] += i % width;
            sums[j, 4] += i / width;
        }
        for (var j = 0; j < centers.Length; j++)
            if (counts[j] > 0)
                for (var d = 0; d < 5; d++) centers[j][d] = sums[j, d] / counts[j];
    }

    /// <summary>Squared Euclidean distance over the three colour channels.</summary>
    private static double Squared(double[] p, double[] q) =>
        (p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]);
}
