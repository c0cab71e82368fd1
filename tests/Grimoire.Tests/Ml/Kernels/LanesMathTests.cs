using System.Runtime.Intrinsics;
using Grimoire.Kernels;
using Grimoire.Ml.Kernels;

namespace Grimoire.Tests.Ml.Kernels;

/// <summary>The logistic pass's exp and log(1 + e) against System.Math over dense sweeps and edge values: exp within
/// 1 ulp of Math.Exp (subnormal results within one unit of the last place of the smallest subnormal), log(1 + e)
/// within 4 ulp of log1p computed by Goldberg's correction (itself within about 1 ulp), and every width giving the
/// same bits as the scalar code.</summary>
public sealed class LanesMathTests
{
    private static double Ulps(double actual, double expected) =>
        actual == expected ? 0 : Math.Abs(BitConverter.DoubleToInt64Bits(actual) - BitConverter.DoubleToInt64Bits(expected));

    private static double[] Widths(Func<Vector512<double>, Vector512<double>> v512, Func<Vector256<double>, Vector256<double>> v256, double x) =>
    [
        IsaSupport.IsSupported(Isa.Avx512) ? v512(Vector512.Create(x)).GetElement(5) : double.NaN,
        IsaSupport.IsSupported(Isa.Avx2) ? v256(Vector256.Create(x)).GetElement(2) : double.NaN,
    ];

    [Test]
    public void ExpIsWithinOneUlp()
    {
        var rng = new Random(11);
        var points = Enumerable.Range(0, 400_000).Select(i => (rng.NextDouble() * 2 - 1) * (i % 3 == 0 ? 745 : i % 3 == 1 ? 20 : 0.5))
            .Concat([0, -0.0, 1e-300, -1e-300, -708.39, -745.1, -745.2, -745.3, 709.7, 709.78, 709.79, 709.9]);
        foreach (var x in points)
        {
            var actual = LanesMath.Exp<Lanes1, double>(x);
            var expected = Math.Exp(x);
            var error = expected < 2.2250738585072014e-308 ? Math.Abs(actual - expected) / double.Epsilon : Ulps(actual, expected);
            Assert.That(error, Is.LessThanOrEqualTo(1), $"exp({x:R}) = {actual:R}, Math.Exp {expected:R}");
            foreach (var wide in Widths(LanesMath.Exp<Lanes512, Vector512<double>>, LanesMath.Exp<Lanes256, Vector256<double>>, x))
                if (!double.IsNaN(wide)) Assert.That(wide, Is.EqualTo(actual), $"exp({x:R}) at a vector width");
        }
    }

    [TestCase(double.NegativeInfinity, 0)]
    [TestCase(-800, 0)]
    [TestCase(800, double.PositiveInfinity)]
    [TestCase(double.PositiveInfinity, double.PositiveInfinity)]
    [TestCase(double.NaN, double.NaN)]
    public void ExpEdgeValues(double x, double expected) => Assert.That(LanesMath.Exp<Lanes1, double>(x), Is.EqualTo(expected));

    [Test]
    public void Log1pUnitIsWithinFourUlp()
    {
        var rng = new Random(12);
        var points = Enumerable.Range(0, 400_000).Select(i => i % 4 == 0 ? Math.Pow(10, -rng.Next(1, 320)) * rng.NextDouble() : rng.NextDouble())
            .Concat([0, 1, 0.41421356237309503, 0.4142135623730951, 0.5, double.Epsilon]);
        foreach (var e in points)
        {
            var actual = LanesMath.Log1pUnit<Lanes1, double>(e);
            var u = 1 + e;
            var expected = u == 1 ? e : Math.Log(u) * e / (u - 1);
            Assert.That(Ulps(actual, expected), Is.LessThanOrEqualTo(4), $"log(1 + {e:R}) = {actual:R}, expected {expected:R}");
            foreach (var wide in Widths(LanesMath.Log1pUnit<Lanes512, Vector512<double>>, LanesMath.Log1pUnit<Lanes256, Vector256<double>>, e))
                if (!double.IsNaN(wide)) Assert.That(wide, Is.EqualTo(actual), $"log(1 + {e:R}) at a vector width");
        }
    }
}
