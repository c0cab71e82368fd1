using System.Globalization;

namespace Grimoire.Imaging;

/// <summary>Which values along an axis get a numbered tick, and how the numbers read: multiples of a round step
/// (1, 2 or 5 times a power of ten) inside the axis range, printed short enough to sit beside the axis.</summary>
public static class AxisTicks
{
    /// <summary>Slack for values that land on a range end up to rounding (0.1 · 3 is 0.30000000000000004).</summary>
    private const double Slack = 1e-9;

    /// <summary>The multiples of the smallest round step (and at least <paramref name="minStep"/>) that cut
    /// [<paramref name="min"/>, <paramref name="max"/>] into at most <paramref name="intervals"/> pieces, in order.</summary>
    public static IReadOnlyList<double> Positions(double min, double max, int intervals, double minStep = 0)
    {
        var step = Math.Max(RoundStep((max - min) / intervals), minStep);
        var ticks = new List<double>();
        for (var k = Math.Ceiling(min / step - Slack); k * step <= max + Slack * step; k++) ticks.Add(k * step);
        return ticks;
    }

    /// <summary>"0", plain decimals from 0.01 to below 1000 ("0.5", "1.25", "30"), else a short mantissa and
    /// exponent ("2.3e3", "5e-3"), so no label runs to many characters.</summary>
    public static string Format(double value) =>
        value == 0 ? "0"
        : Math.Abs(value) is >= 1e-2 and < 1e3 ? value.ToString("0.###", CultureInfo.InvariantCulture)
        : value.ToString("0.##e0", CultureInfo.InvariantCulture);

    /// <summary>The smallest of 1, 2, 5 times a power of ten that is at least <paramref name="rough"/>; 1 for an
    /// empty range, which then gets a single tick.</summary>
    private static double RoundStep(double rough)
    {
        if (!(rough > 0)) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * power).First(step => step >= rough * (1 - Slack));
    }
}
