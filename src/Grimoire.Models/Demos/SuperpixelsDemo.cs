using System.Globalization;
using Grimoire.Imaging;
using Grimoire.Models.Vision;

namespace Grimoire.Models.Demos;

/// <summary>`grimoire demo superpixels` (book §18.1): SLIC on a generated scene, written as a PNG with the
/// superpixel boundaries drawn over it, and the colour variance within superpixels against the whole image's.</summary>
public static class SuperpixelsDemo
{
    /// <summary>What <c>grimoire demo superpixels</c> takes.</summary>
    /// <param name="K">The number of superpixels asked for, 1 to a quarter of the 240x160 pixels.</param>
    /// <param name="Compactness">SLIC's weight of position against colour, positive and finite (10 is typical).</param>
    /// <param name="Seed">Seeds the generated scene, ≥ 0.</param>
    /// <param name="Out">The PNG file to write; its folder must exist.</param>
    public sealed record Options(int K, double Compactness, int Seed, string Out)
    {
        /// <summary>Checks every option and that the folder of <see cref="Out"/> exists.</summary>
        /// <exception cref="ArgumentException">an option out of range, named as its CLI flag.</exception>
        public void Validate()
        {
            if (K < 1 || K > Width * Height / 4) throw new ArgumentException($"--k must be between 1 and {Width * Height / 4} (a quarter of the pixels), got {K}");
            if (!(Compactness > 0) || !double.IsFinite(Compactness)) throw new ArgumentException($"--compactness must be a positive number, got {Compactness}");
            if (Seed < 0) throw new ArgumentException($"--seed must be >= 0, got {Seed}");
            OutputPath.Validate(Out);
        }
    }

    private const int Width = 240;
    private const int Height = 160;
    private static readonly Rgb BoundaryColour = new(255, 255, 0);

    /// <summary>Generates, segments, reports and writes the overlay.</summary>
    public static void Run(Options options, TextWriter output)
    {
        options.Validate();
        var image = SyntheticScene.Generate(Width, Height, options.Seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var segmentation = Slic.Segment(image, options.K, options.Compactness);
        var seconds = clock.Elapsed.TotalSeconds;
        var (within, global) = SuperpixelStatistics.ColourVariance(image, segmentation);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SLIC on a generated {Width}x{Height} scene (seed {options.Seed}): k = {options.K}, compactness {options.Compactness}, 10 iterations in CIELAB + (x, y), {seconds:F2} s"));
        output.WriteLine($"superpixels: {segmentation.Count}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"colour variance (RGB, per pixel): within superpixels {within:F1}, whole image {global:F1}, ratio {within / global:F4}"));
        PngWriter.Write(Overlay(image, segmentation), options.Out);
        output.WriteLine($"wrote {options.Out} ({Width}x{Height}): the scene with superpixel boundaries in yellow");
    }

    private static Canvas Overlay(Canvas image, Slic.Segmentation segmentation)
    {
        var overlay = new Canvas(Width, Height, Rgb.Black);
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                overlay.Set(x, y, SuperpixelStatistics.IsBoundary(segmentation, x, y) ? BoundaryColour : image[x, y]);
        return overlay;
    }
}
