using Grimoire.Tests.Conformance;

namespace Grimoire.Tests.Support;

public static class Compare
{
    /// <summary>Asserts elementwise closeness (NaN matches NaN, infinities must match exactly), naming the
    /// first offending index.</summary>
    public static void Within(double[] actual, double[] expected, Tolerances.Tolerance tolerance, string context) =>
        Within(actual, expected, tolerance, null, context);

    /// <summary>As above, with element i also allowed <paramref name="slack"/>[i] more (the rounding a sum of many
    /// terms may accumulate, see <see cref="Tolerances.AccumulationSlack"/>).</summary>
    public static void Within(double[] actual, double[] expected, Tolerances.Tolerance tolerance, double[]? slack, string context)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), $"element count of {context}");
        for (var i = 0; i < actual.Length; i++)
        {
            var (a, e) = (actual[i], expected[i]);
            if (double.IsNaN(e) && double.IsNaN(a)) continue;
            if (double.IsInfinity(e) || double.IsInfinity(a))
            {
                if (a != e) Assert.Fail($"{context}: element {i} is {a}, expected {e}");
                continue;
            }
            var bound = tolerance.Absolute + tolerance.Relative * Math.Abs(e) + (slack?[i] ?? 0);
            if (!(Math.Abs(a - e) <= bound))
                Assert.Fail($"{context}: element {i} is {a:R}, expected {e:R} (|diff| {Math.Abs(a - e):E3} > {bound:E3})");
        }
    }
}
