using FsCheck;
using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Laws;

/// <summary>Gather and scatter-add against loops over the [outer, n, inner] view of the operands.</summary>
public class IndexLaws
{
    private static Gen<(TensorSpec X, int Axis, int[] Indices)> GatherInput(DType dtype) =>
        Gens.Shape(1, 4, 2000).SelectMany(s => Gen.Choose(-s.Rank, s.Rank - 1).SelectMany(axis =>
            Gen.Zip(Gens.Tensor(s, dtype, -50, 50), Gen.Choose(0, 20).SelectMany(k => Gen.ArrayOf(Gen.Choose(0, s[axis] - 1), k)))
                .Select(p => (p.Item1, axis, p.Item2))));

    [TestCase(DType.Float32)]
    [TestCase(DType.Float64)]
    [TestCase(DType.Int32)]
    public void GatherPicksTheIndexedSlices(DType dtype) =>
        PropertyCheck.ForAll(GatherInput(dtype), p =>
        {
            var x = p.X.Build();
            var y = x.Gather(p.Axis, Tensor.FromArray(p.Indices));
            var (outer, n, inner) = RowMajor.Split(x.Shape, p.Axis);
            var source = x.ToDoubleArray();
            var expected = new double[outer * p.Indices.Length * inner];
            for (var o = 0; o < outer; o++)
            for (var j = 0; j < p.Indices.Length; j++)
            for (var i = 0; i < inner; i++)
                expected[(o * p.Indices.Length + j) * inner + i] = source[(o * n + p.Indices[j]) * inner + i];
            var dims = x.Shape.ToArray();
            dims[x.Shape.NormalizeAxis(p.Axis)] = p.Indices.Length;
            Assert.That(y.Shape.ToArray(), Is.EqualTo(dims));
            Assert.That(y.ToDoubleArray(), Is.EqualTo(expected), $"gather(axis={p.Axis}, [{string.Join(", ", p.Indices)}]) of {p.X}");
        });

    private static Gen<(TensorSpec Src, int Axis, int[] Indices, int Size)> ScatterInput(DType dtype) =>
        Gens.Shape(1, 4, 2000).SelectMany(s => Gen.Zip(Gen.Choose(-s.Rank, s.Rank - 1), Gen.Choose(1, 12)).SelectMany(p =>
            Gen.Zip(Gens.Tensor(s, dtype), Gen.ArrayOf(Gen.Choose(0, p.Item2 - 1), s[p.Item1]))
                .Select(q => (q.Item1, p.Item1, q.Item2, p.Item2))));

    /// <summary>Repeated indices accumulate up to 64 terms in float: each output may also stray by the rounding its chain
    /// of adds can gather (<see cref="Conformance.Tolerances.AccumulationSlack"/> of the terms' magnitudes).</summary>
    [TestCase(DType.Float32, 1e-4)]
    [TestCase(DType.Float64, 1e-12)]
    public void ScatterAddAccumulatesIntoTheIndexedSlices(DType dtype, double absolute) =>
        PropertyCheck.ForAll(ScatterInput(dtype), p =>
        {
            var src = p.Src.Build();
            var y = src.ScatterAdd(p.Axis, Tensor.FromArray(p.Indices), p.Size);
            var (outer, k, inner) = RowMajor.Split(src.Shape, p.Axis);
            var values = src.ToDoubleArray();
            var expected = new double[outer * p.Size * inner];
            var magnitudes = new double[expected.Length];
            for (var o = 0; o < outer; o++)
            for (var j = 0; j < k; j++)
            for (var i = 0; i < inner; i++)
            {
                var (target, value) = ((o * p.Size + p.Indices[j]) * inner + i, values[(o * k + j) * inner + i]);
                expected[target] += value;
                magnitudes[target] += Math.Abs(value);
            }
            var dims = src.Shape.ToArray();
            dims[src.Shape.NormalizeAxis(p.Axis)] = p.Size;
            Assert.That(y.Shape.ToArray(), Is.EqualTo(dims));
            var slack = magnitudes.Select(m => Conformance.Tolerances.AccumulationSlack(dtype, m)).ToArray();
            Compare.Within(y.ToDoubleArray(), expected, new Conformance.Tolerances.Tolerance(absolute, 0), slack, $"scatter_add(axis={p.Axis}, [{string.Join(", ", p.Indices)}], size={p.Size}) of {p.Src}");
        });
}
