using FsCheck;
using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Laws;

/// <summary>Reducing several axes at once equals reducing them one at a time. Sums in any order are within
/// n·u·Σ|x| of the exact value (u the unit roundoff), so two orders are within twice that.</summary>
public class ReductionLaws
{
    private static Gen<(TensorSpec X, int[] Axes)> Input(DType dtype) =>
        Gens.Shape(1, 4, 3000).SelectMany(s => Gen.Zip(Gens.Tensor(s, dtype), Gen.ArrayOf(Gen.Elements(true, false), s.Rank)))
            .Select(p => (p.Item1, Enumerable.Range(0, p.Item1.Shape.Rank).Where(i => p.Item2[i]).ToArray()));

    private static double UnitRoundoff(DType dtype) => dtype == DType.Float32 ? 5.9604644775390625e-8 : 1.1102230246251565e-16;

    [TestCase(DType.Float32)]
    [TestCase(DType.Float64)]
    public void SumOverAllAxesIsTheSumOfSumsOneAxisAtATime(DType dtype) =>
        PropertyCheck.ForAll(Input(dtype), p =>
        {
            var x = p.X.Build();
            var all = x.Sum();
            Assert.That(all.Rank, Is.EqualTo(0));
            var stepwise = x;
            while (stepwise.Rank > 0) stepwise = stepwise.Sum(stepwise.Rank - 1);
            var bound = 2 * x.Size * UnitRoundoff(dtype) * p.X.Values.Sum(Math.Abs) + 1e-300;
            Assert.That(all.Item(), Is.EqualTo(stepwise.Item()).Within(bound), $"sum of {p.X}");
            Assert.That(all.Item(), Is.EqualTo(p.X.Values.Sum()).Within(bound), $"sum of {p.X} against a plain loop");
        });

    [TestCase(DType.Float32)]
    [TestCase(DType.Float64)]
    public void SumOverSeveralAxesIsTheSumOverEachInTurn(DType dtype) =>
        PropertyCheck.ForAll(Input(dtype), p =>
        {
            var x = p.X.Build();
            var together = x.Sum(p.Axes, keepDims: true);
            var inTurn = x;
            foreach (var a in p.Axes.Length == 0 ? Enumerable.Range(0, x.Rank) : p.Axes) inTurn = inTurn.Sum(a, keepDims: true);
            Assert.That(together.Shape, Is.EqualTo(inTurn.Shape));
            var bound = 2 * x.Size * UnitRoundoff(dtype) * p.X.Values.Sum(Math.Abs) + 1e-300;
            Compare.Within(together.ToDoubleArray(), inTurn.ToDoubleArray(), new Conformance.Tolerances.Tolerance(bound, 0), $"sum over [{string.Join(", ", p.Axes)}] of {p.X}");
        });
}
