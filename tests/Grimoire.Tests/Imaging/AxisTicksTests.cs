using Grimoire.Imaging;

namespace Grimoire.Tests.Imaging;

/// <summary>Tick values are round multiples inside the axis range, few enough to label, and print compactly.</summary>
public sealed class AxisTicksTests
{
    [TestCase(0, 2.486, 0, new[] { 0, 0.5, 1, 1.5, 2 })]
    [TestCase(0, 2, 0, new[] { 0, 0.5, 1, 1.5, 2 })]
    [TestCase(0, 0.3, 0, new[] { 0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3 })]
    [TestCase(1, 30, 1, new double[] { 5, 10, 15, 20, 25, 30 })]
    [TestCase(1, 6, 1, new double[] { 1, 2, 3, 4, 5, 6 })]
    [TestCase(1, 2, 1, new double[] { 1, 2 })]
    [TestCase(1, 1, 1, new double[] { 1 })]
    public void PositionsAreRoundMultiplesInsideTheRange(double min, double max, double minStep, double[] expected) =>
        Assert.That(AxisTicks.Positions(min, max, 6, minStep), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void EveryRangeFromZeroGetsThreeToSevenTicks()
    {
        // Round steps grow by at most 2.5x, so 6 intervals' worth of range holds at least 2 whole steps.
        for (var exponent = -4; exponent <= 6; exponent++)
            for (var mantissa = 1.0; mantissa < 10; mantissa += 0.37)
            {
                var max = mantissa * Math.Pow(10, exponent);
                var ticks = AxisTicks.Positions(0, max, 6);
                Assert.That(ticks, Has.Count.InRange(3, 7).And.All.InRange(0, max), $"max {max}");
                Assert.That(ticks[0], Is.Zero);
            }
    }

    [TestCase(0, "0")]
    [TestCase(0.5, "0.5")]
    [TestCase(1.25, "1.25")]
    [TestCase(0.30000000000000004, "0.3")]
    [TestCase(0.015, "0.015")]
    [TestCase(30, "30")]
    [TestCase(-1.5, "-1.5")]
    [TestCase(2300, "2.3e3")]
    [TestCase(1e6, "1e6")]
    [TestCase(0.005, "5e-3")]
    public void FormatIsShort(double value, string expected) => Assert.That(AxisTicks.Format(value), Is.EqualTo(expected));
}
