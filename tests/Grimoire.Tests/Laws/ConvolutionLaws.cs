using FsCheck;
using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Laws;

/// <summary>conv2d with stride, padding, dilation and groups, average pooling with and without count_include_pad, and
/// cumulative sums against their definitions, computed here with plain loops over the row-major values (PyTorch's
/// semantics); unbatched CHW inputs give the batch-of-one result without its batch axis.</summary>
public class ConvolutionLaws
{
    private sealed record Conv(int N, int Groups, int CinPerGroup, int CoutPerGroup, int H, int W, int Kh, int Kw, int Stride, int Padding, int Dilation)
    {
        public int OutH => (H + 2 * Padding - Dilation * (Kh - 1) - 1) / Stride + 1;

        public int OutW => (W + 2 * Padding - Dilation * (Kw - 1) - 1) / Stride + 1;
    }

    private static readonly Gen<Conv> Convs =
        Gens.Zip3(Gens.Zip3(Gen.Choose(1, 2), Gen.Choose(1, 3), Gen.Zip(Gen.Choose(1, 2), Gen.Choose(1, 2))), Gens.Zip3(Gen.Choose(1, 9), Gen.Choose(1, 9), Gen.Zip(Gen.Choose(1, 3), Gen.Choose(1, 3))),
                Gens.Zip3(Gen.Choose(1, 3), Gen.Choose(0, 2), Gen.Choose(1, 3)))
            .Select(p => new Conv(p.Item1.Item1, p.Item1.Item2, p.Item1.Item3.Item1, p.Item1.Item3.Item2, p.Item2.Item1, p.Item2.Item2, p.Item2.Item3.Item1, p.Item2.Item3.Item2, p.Item3.Item1, p.Item3.Item2, p.Item3.Item3))
            .Where(c => c.OutH >= 1 && c.OutW >= 1 && c.H + 2 * c.Padding >= c.Dilation * (c.Kh - 1) + 1 && c.W + 2 * c.Padding >= c.Dilation * (c.Kw - 1) + 1);

    private static double[] PlainConvolution(Conv c, double[] x, double[] w, double[] b)
    {
        var (cin, cout) = (c.Groups * c.CinPerGroup, c.Groups * c.CoutPerGroup);
        var y = new double[c.N * cout * c.OutH * c.OutW];
        for (var n = 0; n < c.N; n++)
        for (var oc = 0; oc < cout; oc++)
        for (var oy = 0; oy < c.OutH; oy++)
        for (var ox = 0; ox < c.OutW; ox++)
        {
            var sum = b[oc];
            for (var k = 0; k < c.CinPerGroup; k++)
            for (var i = 0; i < c.Kh; i++)
            for (var j = 0; j < c.Kw; j++)
            {
                var (iy, ix, ci) = (oy * c.Stride - c.Padding + i * c.Dilation, ox * c.Stride - c.Padding + j * c.Dilation, oc / c.CoutPerGroup * c.CinPerGroup + k);
                if (iy < 0 || iy >= c.H || ix < 0 || ix >= c.W) continue;
                sum += x[((n * cin + ci) * c.H + iy) * c.W + ix] * w[((oc * c.CinPerGroup + k) * c.Kh + i) * c.Kw + j];
            }
            y[((n * cout + oc) * c.OutH + oy) * c.OutW + ox] = sum;
        }
        return y;
    }

    [Test]
    public void Conv2dIsThePlainLoopConvolution() => PropertyCheck.ForAll(Convs.SelectMany(c => Gen.Elements(true, false).Select(unbatched => (c: c with { N = unbatched ? 1 : c.N }, unbatched)))
        .SelectMany(p => Gens.Zip3(
            Gens.Tensor(p.unbatched ? new Shape(p.c.Groups * p.c.CinPerGroup, p.c.H, p.c.W) : new Shape(p.c.N, p.c.Groups * p.c.CinPerGroup, p.c.H, p.c.W), DType.Float64),
            Gens.Tensor(new Shape(p.c.Groups * p.c.CoutPerGroup, p.c.CinPerGroup, p.c.Kh, p.c.Kw), DType.Float64),
            Gens.Tensor(new Shape(p.c.Groups * p.c.CoutPerGroup), DType.Float64)).Select(t => (p.c, p.unbatched, t))), p =>
    {
        var (c, unbatched, (x, w, b)) = p;
        var y = x.Build().Conv2d(w.Build(), b.Build(), c.Stride, c.Padding, c.Dilation, c.Groups);
        var cout = c.Groups * c.CoutPerGroup;
        Assert.That(y.Shape, Is.EqualTo(unbatched ? new Shape(cout, c.OutH, c.OutW) : new Shape(c.N, cout, c.OutH, c.OutW)), $"{c}");
        Assert.That(y.ToDoubleArray(), Is.EqualTo(PlainConvolution(c, x.Values, w.Values, b.Values)).Within(1e-12), $"{c}");
    }, cases: 100);

    [Test]
    public void AvgPool2dIsThePlainLoopAverage() => PropertyCheck.ForAll(
        Gens.Zip3(Gen.Zip(Gen.Choose(1, 3), Gen.Choose(1, 8)), Gen.Zip(Gen.Choose(1, 8), Gen.Choose(1, 4)), Gens.Zip3(Gen.Choose(1, 3), Gen.Elements(true, false), Gen.Elements(true, false)))
            .SelectMany(p => Gen.Choose(0, p.Item2.Item2 / 2).Select(padding => (C: p.Item1.Item1, H: p.Item1.Item2, W: p.Item2.Item1, K: p.Item2.Item2, Stride: p.Item3.Item1, Padding: padding, Include: p.Item3.Item2, Unbatched: p.Item3.Item3)))
            .Where(p => p.H + 2 * p.Padding >= p.K && p.W + 2 * p.Padding >= p.K)
            .SelectMany(p => Gens.Tensor(p.Unbatched ? new Shape(p.C, p.H, p.W) : new Shape(1, p.C, p.H, p.W), DType.Float64).Select(x => (p, x))), q =>
    {
        var (p, x) = q;
        var (outH, outW) = ((p.H + 2 * p.Padding - p.K) / p.Stride + 1, (p.W + 2 * p.Padding - p.K) / p.Stride + 1);
        var expected = new double[p.C * outH * outW];
        for (var c = 0; c < p.C; c++)
        for (var oy = 0; oy < outH; oy++)
        for (var ox = 0; ox < outW; ox++)
        {
            var (sum, inside) = (0.0, 0);
            for (var i = 0; i < p.K; i++)
            for (var j = 0; j < p.K; j++)
            {
                var (iy, ix) = (oy * p.Stride - p.Padding + i, ox * p.Stride - p.Padding + j);
                if (iy < 0 || iy >= p.H || ix < 0 || ix >= p.W) continue;
                sum += x.Values[(c * p.H + iy) * p.W + ix];
                inside++;
            }
            expected[(c * outH + oy) * outW + ox] = sum / (p.Include ? p.K * p.K : inside);
        }
        var y = x.Build().AvgPool2d(p.K, p.Stride, p.Padding, p.Include);
        Assert.That(y.Shape, Is.EqualTo(p.Unbatched ? new Shape(p.C, outH, outW) : new Shape(1, p.C, outH, outW)));
        Assert.That(y.ToDoubleArray(), Is.EqualTo(expected).Within(1e-12), $"{p}");
    });

    [Test]
    public void CumSumIsTheRunningSumAndReversedTheSuffixSum() => PropertyCheck.ForAll(
        Gens.Shape(1, 3, 300).SelectMany(s => Gen.Zip(Gens.Tensor(s, DType.Float64), Gen.Choose(0, s.Rank - 1))), p =>
    {
        var (x, axis) = p;
        var strides = x.Shape.ContiguousStrides();
        var (forward, backward) = (new double[x.Values.Length], new double[x.Values.Length]);
        for (var e = 0; e < x.Values.Length; e++)
        {
            var position = e / strides[axis] % x.Shape[axis];
            var first = e - position * strides[axis];
            for (var k = 0; k < x.Shape[axis]; k++)
            {
                if (k <= position) forward[e] += x.Values[first + k * strides[axis]];
                if (k >= position) backward[e] += x.Values[first + k * strides[axis]];
            }
        }
        var t = x.Build();
        Assert.That(t.CumSum(axis).ToDoubleArray(), Is.EqualTo(forward).Within(1e-12));
        Assert.That(t.CumSum(axis - x.Shape.Rank, reverse: true).ToDoubleArray(), Is.EqualTo(backward).Within(1e-12));
    });

    [Test]
    public void TheCumulativeSumOfARankZeroTensorIsItself()
    {
        using var scope = new TensorScope();
        var x = Tensor.Scalar(2.5, DType.Float64);
        x.RequiresGrad = true;
        foreach (var reverse in new[] { false, true })
        {
            var y = x.CumSum(-1, reverse);
            Assert.That((y.Shape, y.Item()), Is.EqualTo((Shape.Scalar, 2.5)));
        }
        x.CumSum(0).Backward();
        Assert.That(x.Grad!.Item(), Is.EqualTo(1.0));
        Assert.That(Assert.Throws<ShapeException>(() => x.CumSum(1))!.Message, Does.Contain("axis 1"));
    }

    [Test]
    public void UnbatchedPoolingAndConvolutionPassTheirGradientsBackToTheThreeDimensionalInput()
    {
        using var scope = new TensorScope();
        var x = Tensor.RandN(new Shape(2, 6, 5), rng: new Rng(3), dtype: DType.Float64);
        x.RequiresGrad = true;
        var w = Tensor.RandN(new Shape(4, 1, 3, 3), rng: new Rng(4), dtype: DType.Float64);
        var y = x.Conv2d(w, padding: 1, groups: 2).MaxPool2d(2, padding: 1).AvgPool2d(2, stride: 1);
        Assert.That(y.Shape, Is.EqualTo(new Shape(4, 3, 2)));
        y.Sum().Backward();
        var batched = Tensor.RandN(new Shape(1, 2, 6, 5), rng: new Rng(3), dtype: DType.Float64);
        batched.RequiresGrad = true;
        batched.Conv2d(w, padding: 1, groups: 2).MaxPool2d(2, padding: 1).AvgPool2d(2, stride: 1).Sum().Backward();
        Assert.That(x.Grad!.Shape, Is.EqualTo(x.Shape));
        Assert.That(x.Grad.ToDoubleArray(), Is.EqualTo(batched.Grad!.ToDoubleArray()));
    }
}
