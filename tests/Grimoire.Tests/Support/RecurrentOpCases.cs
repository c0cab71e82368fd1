using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;

namespace Grimoire.Tests.Support;

/// <summary>Generators for the fused recurrent cells and their backward ops (see <see cref="OpCases"/>). The backward ops'
/// saved input is computed from random pre-activations in double, so it holds what a forward step would have saved.</summary>
public static class RecurrentOpCases
{
    public static void AddTo(Dictionary<string, Func<DType, Gen<OpCase>>> cases)
    {
        cases[OpNames.LstmCell] = dt => Sizes.SelectMany(s => Gens.Zip3(Gens.Tensor(new Shape(s.B, 4 * s.H), dt, -4, 4), Gens.Tensor(new Shape(s.B, 4 * s.H), dt, -4, 4), Gens.Tensor(new Shape(s.B, s.H), dt, -2, 2)))
            .Select(x => new OpCase(OpNames.LstmCell, [x.Item1, x.Item2, x.Item3], t => Tensor.LstmCellSaved(t[0], t[1], t[2]), "lstm_cell"));
        cases[OpNames.GruCell] = dt => Sizes.SelectMany(s => Gens.Zip3(Gens.Tensor(new Shape(s.B, 3 * s.H), dt, -4, 4), Gens.Tensor(new Shape(s.B, 3 * s.H), dt, -4, 4), Gens.Tensor(new Shape(s.B, s.H), dt, -2, 2)))
            .Select(x => new OpCase(OpNames.GruCell, [x.Item1, x.Item2, x.Item3], t => Tensor.GruCellSaved(t[0], t[1], t[2]), "gru_cell"));
        cases[OpNames.LstmCellBackward] = dt => Sizes.SelectMany(s => Gen.Zip(
                Gens.Zip3(Gens.Tensor(new Shape(s.B, s.H), dt), Gens.Tensor(new Shape(s.B, s.H), dt), Gens.Tensor(new Shape(s.B, s.H), dt, -2, 2, broadcast: false)),
                Gens.Tensor(new Shape(s.B, 4 * s.H), dt, -4, 4))
            .Select(x => new OpCase(OpNames.LstmCellBackward, [x.Item1.Item1, x.Item1.Item2, x.Item1.Item3, LstmSaved(s.B, s.H, x.Item2.Values, x.Item1.Item3, dt)],
                t => Both(Tensor.LstmCellBackward(t[0], t[1], t[2], t[3])), "lstm_cell_backward")));
        cases[OpNames.GruCellBackward] = dt => Sizes.SelectMany(s => Gen.Zip(
                Gens.Zip3(Gens.Tensor(new Shape(s.B, s.H), dt), Gens.Tensor(new Shape(s.B, s.H), dt, -2, 2, broadcast: false), Gens.Tensor(new Shape(s.B, 3 * s.H), dt, -4, 4, broadcast: false)),
                Gens.Tensor(new Shape(s.B, 3 * s.H), dt, -4, 4))
            .Select(x => new OpCase(OpNames.GruCellBackward, [x.Item1.Item1, x.Item1.Item2, x.Item1.Item3, GruSaved(s.B, s.H, x.Item2.Values, x.Item1.Item3.Values, x.Item1.Item2, dt)],
                t => Whole(Tensor.GruCellBackward(t[0], t[1], t[2], t[3])), "gru_cell_backward")));
    }

    /// <summary>Batch and hidden sizes: widths below, at and past the vector widths, and a batch large enough to split over cores.</summary>
    private static Gen<(int B, int H)> Sizes =>
        Gen.Frequency((6, Gen.Zip(Gen.Choose(1, 5), Gen.Elements(1, 2, 7, 8, 16, 17, 33))), (1, Gen.Constant((40, 300))))
            .Select(p => (p.Item1, p.Item2));

    private static Tensor Both((Tensor A, Tensor B) parts) => Tensor.Concat([parts.A, parts.B], 1);

    private static Tensor Whole((Tensor A, Tensor B, Tensor C) parts) => Tensor.Concat([parts.A, parts.B, parts.C], 1);

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    /// <summary>The [6, b, h] output of an LSTM step with pre-activations <paramref name="pre"/> and previous cell state.</summary>
    private static TensorSpec LstmSaved(int b, int h, double[] pre, TensorSpec cPrev, DType dt)
    {
        var plane = b * h;
        var v = new double[6 * plane];
        for (var r = 0; r < b; r++)
        {
            for (var j = 0; j < h; j++)
            {
                double Pre(int k) => pre[(r * 4 + k) * h + j];
                var (i, f, g, o) = (Sigmoid(Pre(0)), Sigmoid(Pre(1)), Math.Tanh(Pre(2)), Sigmoid(Pre(3)));
                var c = f * cPrev.Values[r * h + j] + i * g;
                double[] planes = [o * Math.Tanh(c), c, i, f, g, o];
                for (var k = 0; k < 6; k++) v[k * plane + r * h + j] = planes[k];
            }
        }
        return new TensorSpec(new Shape(6, b, h), v, dt);
    }

    /// <summary>The [4, b, h] output of a GRU step with input pre-activations <paramref name="pre"/>, hidden gates and previous state.</summary>
    private static TensorSpec GruSaved(int b, int h, double[] pre, double[] hidden, TensorSpec hPrev, DType dt)
    {
        var plane = b * h;
        var v = new double[4 * plane];
        for (var row = 0; row < b; row++)
        {
            for (var j = 0; j < h; j++)
            {
                double Gate(double[] x, int k) => x[(row * 3 + k) * h + j];
                var (r, z) = (Sigmoid(Gate(pre, 0) + Gate(hidden, 0)), Sigmoid(Gate(pre, 1) + Gate(hidden, 1)));
                var n = Math.Tanh(Gate(pre, 2) + r * Gate(hidden, 2));
                double[] planes = [(1 - z) * n + z * hPrev.Values[row * h + j], r, z, n];
                for (var k = 0; k < 4; k++) v[k * plane + row * h + j] = planes[k];
            }
        }
        return new TensorSpec(new Shape(4, b, h), v, dt);
    }
}
