using FsCheck;
using FsCheck.Fluent;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Training;
using Grimoire.Tests.Conformance;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Nn.Recurrent;

/// <summary>The LSTM, GRU and RNN layers: the three modes agree (outputs, states and every gradient), a hand-computed step,
/// truncated BPTT state carry, bad shapes, and the stream windows that make carried state meaningful.</summary>
public sealed class RecurrentLayerTests
{
    private static RecurrentLayer Make(string kind, int input, int hidden, int layers, bool bias, bool batchFirst, ulong seed) => kind switch
    {
        "lstm" => new LSTM(input, hidden, layers, bias, batchFirst, new Rng(seed), DType.Float64),
        "gru" => new GRU(input, hidden, layers, bias, batchFirst, new Rng(seed), DType.Float64),
        _ => new RNN(input, hidden, layers, bias, batchFirst, new Rng(seed), DType.Float64),
    };

    /// <summary>Output, final state and the gradients of Σ output·w + Σ h·v (+ Σ c·u) for input, initial state and every parameter.</summary>
    private static double[][] Run(RecurrentLayer layer, RecurrentMode mode, Tensor input, RecurrentState state)
    {
        using var scope = new TensorScope();
        layer.Mode = mode;
        layer.ZeroGrad();
        var x = input.Detach();
        x.RequiresGrad = true;
        var (h0, c0) = (state.H.Detach(), state.C?.Detach());
        h0.RequiresGrad = true;
        if (c0 is not null) c0.RequiresGrad = true;
        var (output, next) = layer.Forward(x, new RecurrentState(h0, c0));
        var loss = (output * Tensor.RandN(output.Shape, rng: new Rng(3), dtype: DType.Float64)).Sum()
            + (next.H * Tensor.RandN(next.H.Shape, rng: new Rng(4), dtype: DType.Float64)).Sum();
        if (next.C is not null) loss = loss + (next.C * Tensor.RandN(next.C.Shape, rng: new Rng(5), dtype: DType.Float64)).Sum();
        loss.Backward();
        return [output.ToDoubleArray(), next.H.ToDoubleArray(), next.C?.ToDoubleArray() ?? [], x.Grad!.ToDoubleArray(), h0.Grad!.ToDoubleArray(), c0?.Grad!.ToDoubleArray() ?? [],
            .. layer.Parameters().Select(p => p.Grad!.ToDoubleArray())];
    }

    [Test]
    public void FusedFusedCellsAndComposedModesAgreeOnOutputsStatesAndGradients()
    {
        var gen = Gens.Zip3(Gen.Elements("lstm", "gru", "rnn"), Gens.Zip3(Gen.Choose(1, 5), Gen.Choose(1, 3), Gen.Choose(1, 4)),
            Gens.Zip3(Gen.Choose(1, 5), Gen.Choose(1, 2), Gen.Zip(Gen.Elements(true, false), Gen.Elements(true, false))));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(gen), p =>
        {
            var (kind, (steps, batch, input), (hidden, layers, (bias, batchFirst))) = p;
            using var scope = new TensorScope();
            using var layer = Make(kind, input, hidden, layers, bias, batchFirst, 11);
            var x = Tensor.RandN(batchFirst ? new Shape(batch, steps, input) : new Shape(steps, batch, input), rng: new Rng(1), dtype: DType.Float64);
            var state = new RecurrentState(Tensor.RandN(new Shape(layers, batch, hidden), rng: new Rng(2), dtype: DType.Float64),
                kind == "lstm" ? Tensor.RandN(new Shape(layers, batch, hidden), rng: new Rng(6), dtype: DType.Float64) : null);
            var composed = Run(layer, RecurrentMode.Composed, x, state);
            foreach (var mode in new[] { RecurrentMode.Fused, RecurrentMode.FusedCells })
            {
                var other = Run(layer, mode, x, state);
                for (var i = 0; i < composed.Length; i++) Compare.Within(other[i], composed[i], new Tolerances.Tolerance(1e-11, 1e-10), $"{kind} {mode} result {i} (T={steps}, B={batch}, I={input}, H={hidden}, L={layers}, bias={bias}, batchFirst={batchFirst})");
            }
        }));
    }

    /// <summary>One step with hidden size 1 and weights chosen by hand, against the formulas written out in scalars.</summary>
    [Test]
    public void ASingleLstmAndGruStepMatchTheFormulasByHand()
    {
        using var scope = new TensorScope();
        static double S(double v) => 1 / (1 + Math.Exp(-v));
        var (x, h, c) = (0.5, -0.3, 0.8);
        using var lstm = new LSTM(1, 1, dtype: DType.Float64);
        double[] wi = [0.1, -0.2, 0.3, 0.4], wh = [0.5, 0.6, -0.7, 0.8], bi = [0.01, 0.02, 0.03, 0.04], bh = [-0.05, 0.06, 0.07, -0.08];
        Set(lstm, wi, wh, bi, bh);
        var (output, state) = lstm.Forward(Tensor.FromArray(new[] { x }, new Shape(1, 1, 1)),
            new RecurrentState(Tensor.FromArray(new[] { h }, new Shape(1, 1, 1)), Tensor.FromArray(new[] { c }, new Shape(1, 1, 1))));
        double Pre(int k) => wi[k] * x + bi[k] + wh[k] * h + bh[k];
        var c1 = S(Pre(1)) * c + S(Pre(0)) * Math.Tanh(Pre(2));
        var h1 = S(Pre(3)) * Math.Tanh(c1);
        Assert.That(output.Item(), Is.EqualTo(h1).Within(1e-15));
        Assert.That(state.C!.Item(), Is.EqualTo(c1).Within(1e-15));

        using var gru = new GRU(1, 1, dtype: DType.Float64);
        Set(gru, wi[..3], wh[..3], bi[..3], bh[..3]);
        var (gruOutput, _) = gru.Forward(Tensor.FromArray(new[] { x }, new Shape(1, 1, 1)), new RecurrentState(Tensor.FromArray(new[] { h }, new Shape(1, 1, 1))));
        var r = S(wi[0] * x + bi[0] + wh[0] * h + bh[0]);
        var z = S(wi[1] * x + bi[1] + wh[1] * h + bh[1]);
        var n = Math.Tanh(wi[2] * x + bi[2] + r * (wh[2] * h + bh[2]));
        Assert.That(gruOutput.Item(), Is.EqualTo((1 - z) * n + z * h).Within(1e-15));
    }

    private static void Set(RecurrentLayer layer, double[] wi, double[] wh, double[] bi, double[] bh)
    {
        using var noGrad = Autograd.GradMode.NoGrad();
        foreach (var (p, v) in new[] { (layer.WeightIh(0), wi), (layer.WeightHh(0), wh), (layer.BiasIh(0)!, bi), (layer.BiasHh(0)!, bh) })
            Tensor.FromArray(v, p.Shape).CopyTo(p.Value);
    }

    /// <summary>Truncated BPTT: two windows run with the first's final state carried (detached) give the outputs of the whole
    /// sequence in one call.</summary>
    [TestCase("lstm"), TestCase("gru"), TestCase("rnn")]
    public void TwoWindowsWithCarriedStateEqualTheConcatenatedSequence(string kind)
    {
        using var scope = new TensorScope();
        using var layer = Make(kind, 3, 4, 2, bias: true, batchFirst: false, 5);
        var x = Tensor.RandN(new Shape(7, 2, 3), rng: new Rng(8), dtype: DType.Float64);
        var (whole, wholeState) = layer.Forward(x);
        var (first, state) = layer.Forward(x.Slice(0, 0, 3));
        var (second, secondState) = layer.Forward(x.Slice(0, 3, 7), state.Detach());
        Compare.Within(Tensor.Concat([first, second], 0).ToDoubleArray(), whole.ToDoubleArray(), new Tolerances.Tolerance(1e-14, 1e-13), kind);
        Compare.Within(secondState.H.ToDoubleArray(), wholeState.H.ToDoubleArray(), new Tolerances.Tolerance(1e-14, 1e-13), kind);
    }

    [Test]
    public void ADetachedStateStopsTheGradientAtTheWindowStart()
    {
        using var scope = new TensorScope();
        using var layer = new LSTM(2, 3, rng: new Rng(1), dtype: DType.Float64);
        var x = Tensor.RandN(new Shape(2, 1, 2), rng: new Rng(2), dtype: DType.Float64);
        var (_, state) = layer.Forward(x);
        var carried = state.Detach();
        Assert.That(carried.H.RequiresGrad || carried.C!.RequiresGrad, Is.False);
        var (output, _) = layer.Forward(x, carried);
        output.Sum().Backward();
        Assert.That(layer.WeightHh(0).Grad, Is.Not.Null);
    }

    [Test]
    public void BadShapesAreTypedErrorsNamingTheProblem()
    {
        using var scope = new TensorScope();
        using var lstm = new LSTM(3, 4, numLayers: 2);
        var e = Assert.Throws<ShapeException>(() => lstm.Forward(Tensor.Ones(new Shape(5, 2, 7))));
        Assert.That(e!.Message, Does.Contain("3 features").And.Contain("[5, 2, 7]"));
        e = Assert.Throws<ShapeException>(() => lstm.Forward(Tensor.Ones(new Shape(5, 2, 3)), new RecurrentState(Tensor.Zeros(new Shape(1, 2, 4)), Tensor.Zeros(new Shape(2, 2, 4)))));
        Assert.That(e!.Message, Does.Contain("h").And.Contain("[2, 2, 4]").And.Contain("[1, 2, 4]"));
        e = Assert.Throws<ShapeException>(() => lstm.Forward(Tensor.Ones(new Shape(0, 2, 3))));
        Assert.That(e!.Message, Does.Contain("no steps"));
        using var gru = new GRU(3, 4);
        e = Assert.Throws<ShapeException>(() => gru.Forward(Tensor.Ones(new Shape(5, 2, 3)), new RecurrentState(Tensor.Zeros(new Shape(1, 2, 4)), Tensor.Zeros(new Shape(1, 2, 4)))));
        Assert.That(e!.Message, Does.Contain("no cell state"));
        Assert.Throws<DTypeException>(() => gru.Forward(Tensor.Ones(new Shape(5, 2, 3), DType.Float64)));
        e = Assert.Throws<ShapeException>(() => Tensor.LstmSequence(Tensor.Ones(new Shape(2, 1, 8)), Tensor.Ones(new Shape(8, 3)), Tensor.Zeros(new Shape(1, 2)), Tensor.Zeros(new Shape(1, 2))));
        Assert.That(e!.Message, Does.Contain("hidden-to-hidden weight").And.Contain("[8, 3]"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LSTM(0, 4));
    }

    [TestCase("lstm"), TestCase("gru"), TestCase("rnn")]
    public void ASecondDerivativeThroughAFusedSequenceIsRefused(string kind)
    {
        using var scope = new TensorScope();
        using var layer = Make(kind, 2, 2, 1, true, false, 1);
        var x = Tensor.RandN(new Shape(3, 1, 2), rng: new Rng(1), dtype: DType.Float64);
        x.RequiresGrad = true;
        var e = Assert.Throws<AutogradException>(() => Tensor.Gradients([layer.Forward(x).Output.Sum()], [x], createGraph: true));
        Assert.That(e!.Message, Does.Contain($"{kind}_sequence").And.Contain("Composed"));
    }

    [Test]
    public void StreamWindowsContinueEachRowAcrossWindows()
    {
        var gen = Gens.Zip3(Gen.Choose(2, 300), Gen.Choose(1, 6), Gen.Zip(Gen.Choose(1, 9), Gen.Elements(true, false))).Where(p => (p.Item1 - 1) / p.Item2 >= 1);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(gen), p =>
        {
            var (n, batch, (steps, batchFirst)) = p;
            var tokens = Enumerable.Range(0, n).Select(i => i * 7 % 1000).ToArray();
            var rowLength = (n - 1) / batch;
            var start = 0;
            var windows = 0;
            foreach (var (inputs, targets) in TokenStreamWindows.Of(tokens, batch, steps, batchFirst))
            {
                using (inputs)
                using (targets)
                {
                    var length = batchFirst ? inputs.Shape[1] : inputs.Shape[0];
                    var (xs, ys) = (inputs.ToArray<int>(), targets.ToArray<int>());
                    for (var b = 0; b < batch; b++)
                    {
                        for (var t = 0; t < length; t++)
                        {
                            var at = batchFirst ? b * length + t : t * batch + b;
                            Assert.That((xs[at], ys[at]), Is.EqualTo((tokens[b * rowLength + start + t], tokens[b * rowLength + start + t + 1])));
                        }
                    }
                    start += length;
                    windows++;
                }
            }
            Assert.That(start, Is.EqualTo(rowLength));
            Assert.That(windows, Is.EqualTo(TokenStreamWindows.Count(n, batch, steps)));
        }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenStreamWindows.Of(new[] { 1, 2, 3 }, 4, 2).ToList());
    }
}
