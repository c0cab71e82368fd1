using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gradients;

/// <summary>Gradient checks of the fused LSTM and GRU cells (through their fused backward ops) and of the whole-sequence
/// recurrences, whose rules run backpropagation through time by hand.</summary>
public static class RecurrentGradCases
{
    private const DType F64 = DType.Float64;

    private static Gen<(int B, int H)> CellSizes => Gen.Zip(Gen.Choose(1, 3), Gen.Choose(1, 5)).Select(p => (p.Item1, p.Item2));

    private static Gen<(int T, int B, int H)> SequenceSizes => Gens.Zip3(Gen.Choose(1, 4), Gen.Choose(1, 3), Gen.Choose(1, 3)).Select(p => (p.Item1, p.Item2, p.Item3));

    public static void AddTo(Dictionary<string, Gen<GradCase>> cases)
    {
        cases[OpNames.LstmCell] = CellSizes.SelectMany(s => Gens.Zip3(GradInputs.Tensor(new Shape(s.B, 4 * s.H), F64), GradInputs.Tensor(new Shape(s.B, 4 * s.H), F64), GradInputs.Tensor(new Shape(s.B, s.H), F64)))
            .Select(x => new GradCase("lstm_cell", [x.Item1, x.Item2, x.Item3], t =>
            {
                var (h, c) = Tensor.LstmCell(t[0], t[1], t[2]);
                return Tensor.Concat([h, c], 1);
            }));
        cases[OpNames.GruCell] = CellSizes.SelectMany(s => Gens.Zip3(GradInputs.Tensor(new Shape(s.B, 3 * s.H), F64), GradInputs.Tensor(new Shape(s.B, 3 * s.H), F64), GradInputs.Tensor(new Shape(s.B, s.H), F64)))
            .Select(x => new GradCase("gru_cell", [x.Item1, x.Item2, x.Item3], t => Tensor.GruCell(t[0], t[1], t[2])));
        cases["lstm_sequence"] = SequenceSizes.SelectMany(s => Gen.Zip(Gens.Zip3(GradInputs.Tensor(new Shape(s.T, s.B, 4 * s.H), F64), GradInputs.Tensor(new Shape(4 * s.H, s.H), F64, -1, 1), GradInputs.Tensor(new Shape(s.B, s.H), F64)), GradInputs.Tensor(new Shape(s.B, s.H), F64)))
            .Select(x => new GradCase("lstm_sequence", [x.Item1.Item1, x.Item1.Item2, x.Item1.Item3, x.Item2], t =>
            {
                var (output, h, c) = Tensor.LstmSequence(t[0], t[1], t[2], t[3]);
                return Tensor.Concat([output.Reshape(-1), h.Reshape(-1), c.Reshape(-1)], 0);
            }));
        cases["gru_sequence"] = SequenceSizes.SelectMany(s => Gen.Zip(Gens.Zip3(GradInputs.Tensor(new Shape(s.T, s.B, 3 * s.H), F64), GradInputs.Tensor(new Shape(3 * s.H, s.H), F64, -1, 1), GradInputs.Tensor(new Shape(s.B, s.H), F64)), GradInputs.Tensor(new Shape(3 * s.H), F64)))
            .Select(x => new GradCase("gru_sequence", [x.Item1.Item1, x.Item1.Item2, x.Item1.Item3, x.Item2], t => Tensor.GruSequence(t[0], t[1], t[3], t[2])));
        cases["rnn_sequence"] = SequenceSizes.SelectMany(s => Gens.Zip3(GradInputs.Tensor(new Shape(s.T, s.B, s.H), F64), GradInputs.Tensor(new Shape(s.H, s.H), F64, -1, 1), GradInputs.Tensor(new Shape(s.B, s.H), F64)))
            .Select(x => new GradCase("rnn_sequence", [x.Item1, x.Item2, x.Item3], t => Tensor.RnnTanhSequence(t[0], t[1], t[2])));
    }
}
