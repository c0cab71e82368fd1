using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Whole recurrences over a sequence (book §31.2–31.3) as one node of the graph each, for speed: the forward runs
/// one recurrent GEMM and one fused cell per step (the input projection x·W_ihᵀ for every step is the caller's single GEMM,
/// passed in as the input gates), and the gradient rule runs backpropagation through time step by step with the fused backward
/// cells, then forms ∂W_hh = Σₜ ∂gatesₜᵀ·hₜ₋₁ as one GEMM over all steps instead of one small product per step. The result is
/// the gradient the step-by-step graph of the composed cells gives (the tests check both against finite differences).</summary>
public sealed partial class Tensor
{
    /// <summary>An LSTM layer's recurrence: for t = 0…T−1, gates = <paramref name="inputGates"/>[t] + hₜ₋₁·W_hhᵀ, then
    /// <see cref="LstmCell"/>. <paramref name="inputGates"/> [T, b, 4h] holds x·W_ihᵀ + b_ih + b_hh for every step,
    /// <paramref name="weightHh"/> is PyTorch's [4h, h], <paramref name="h0"/> and <paramref name="c0"/> are [b, h].
    /// Returns every step's h [T, b, h] and the final h and c [b, h]; all three are differentiable.</summary>
    /// <exception cref="ShapeException">mismatched shapes or an empty sequence, named in the message.</exception>
    public static (Tensor Output, Tensor H, Tensor C) LstmSequence(Tensor inputGates, Tensor weightHh, Tensor h0, Tensor c0)
    {
        var (steps, _, _) = SequenceSizes("lstm", inputGates, weightHh, h0, 4);
        if (c0.Shape != h0.Shape) throw new ShapeException($"lstm: the initial cell state must be {h0.Shape} like h0, got {c0.Shape}");
        Dispatch.SameDType("lstm", inputGates, weightHh, h0, c0);
        Dispatch.SameDevice("lstm", inputGates, weightHh, h0, c0);
        var saved = new Tensor[steps];
        Tensor states;
        using (GradMode.NoGrad())
        using (var scope = new TensorScope())
        {
            var gates = inputGates.Contiguous();
            var wT = weightHh.Transpose();
            var (h, c) = (h0, c0);
            for (var t = 0; t < steps; t++)
            {
                saved[t] = scope.Keep(LstmCellSaved(gates.Step(t), h.MatMul(wT), c));
                (h, c) = (saved[t].Plane(0), saved[t].Plane(1));
            }
            // [T + 1, b, h]: every step's h, then the last c, so one node carries all three results.
            states = scope.Keep(Concat([.. saved.Select(s => s.Slice(0, 0, 1)), saved[^1].Slice(0, 1, 2)], 0));
        }
        Tape.Record(states, "lstm_sequence", [inputGates, weightHh, h0, c0], g =>
        {
            NotTwice("lstm_sequence");
            var dGates = AllocateUninitialized(inputGates.Shape, g.DType, g.Device);
            Tensor? dh = null;
            var dc = g.Plane(steps);
            for (var t = steps - 1; t >= 0; t--)
            {
                using var step = new TensorScope();
                var gradH = dh is null ? g.Plane(t) : g.Plane(t) + dh;
                var (dGate, dCPrev) = LstmCellBackward(gradH, dc, t > 0 ? saved[t - 1].Plane(1) : c0, saved[t]);
                dGate.CopyTo(dGates.Step(t));
                dc = step.Keep(dCPrev.Contiguous());
                dh = step.Keep(dGate.MatMul(weightHh));
            }
            return
            [
                Tape.For(inputGates, () => dGates),
                Tape.For(weightHh, () => RecurrentWeightGradient(dGates, h0, states)),
                Tape.For(h0, () => dh!),
                Tape.For(c0, () => dc),
            ];
        });
        return (states.Slice(0, 0, steps), states.Plane(steps - 1), states.Plane(steps));
    }

    /// <summary>A GRU layer's recurrence: for t = 0…T−1, <see cref="GruCell"/>(<paramref name="inputGates"/>[t],
    /// hₜ₋₁·W_hhᵀ + b_hh, hₜ₋₁). <paramref name="inputGates"/> [T, b, 3h] holds x·W_ihᵀ + b_ih for every step,
    /// <paramref name="weightHh"/> is PyTorch's [3h, h], <paramref name="biasHh"/> [3h] or null, <paramref name="h0"/> [b, h].
    /// Returns every step's h [T, b, h] (the last step's is the final state); differentiable in every operand.</summary>
    /// <exception cref="ShapeException">mismatched shapes or an empty sequence, named in the message.</exception>
    public static Tensor GruSequence(Tensor inputGates, Tensor weightHh, Tensor? biasHh, Tensor h0)
    {
        var (steps, _, hidden) = SequenceSizes("gru", inputGates, weightHh, h0, 3);
        if (biasHh is not null && biasHh.Shape != new Shape(3 * hidden)) throw new ShapeException($"gru: the hidden bias must be [{3 * hidden}], got {biasHh.Shape}");
        Tensor[] operands = biasHh is null ? [inputGates, weightHh, h0] : [inputGates, weightHh, h0, biasHh];
        Dispatch.SameDType("gru", operands);
        Dispatch.SameDevice("gru", operands);
        var (saved, hiddenGates) = (new Tensor[steps], new Tensor[steps]);
        Tensor outputs;
        using (GradMode.NoGrad())
        using (var scope = new TensorScope())
        {
            var gates = inputGates.Contiguous();
            var wT = weightHh.Transpose();
            var h = h0;
            for (var t = 0; t < steps; t++)
            {
                hiddenGates[t] = scope.Keep(h.Linear(wT, biasHh));
                saved[t] = scope.Keep(GruCellSaved(gates.Step(t), hiddenGates[t], h));
                h = saved[t].Plane(0);
            }
            outputs = scope.Keep(Concat([.. saved.Select(s => s.Slice(0, 0, 1))], 0));
        }
        return Tape.Record(outputs, "gru_sequence", operands, g =>
        {
            NotTwice("gru_sequence");
            var dInput = AllocateUninitialized(inputGates.Shape, g.DType, g.Device);
            var dHidden = AllocateUninitialized(inputGates.Shape, g.DType, g.Device);
            Tensor? dh = null;
            for (var t = steps - 1; t >= 0; t--)
            {
                using var step = new TensorScope();
                var gradH = dh is null ? g.Step(t) : g.Step(t) + dh;
                var (dx, dhg, direct) = GruCellBackward(gradH, t > 0 ? outputs.Step(t - 1) : h0, hiddenGates[t], saved[t]);
                dx.CopyTo(dInput.Step(t));
                dhg.CopyTo(dHidden.Step(t));
                dh = step.Keep(direct + dhg.MatMul(weightHh));
            }
            return
            [
                Tape.For(inputGates, () => dInput),
                Tape.For(weightHh, () => RecurrentWeightGradient(dHidden, h0, outputs)),
                Tape.For(h0, () => dh!),
                .. biasHh is null ? Array.Empty<Tensor?>() : [Tape.For(biasHh, () => dHidden.Sum([0, 1]))],
            ];
        });
    }

    /// <summary>An Elman RNN layer's recurrence with tanh (PyTorch's <c>nn.RNN</c>): hₜ = tanh(<paramref name="inputGates"/>[t] +
    /// hₜ₋₁·W_hhᵀ), with x·W_ihᵀ + b_ih + b_hh for every step in <paramref name="inputGates"/> [T, b, h]; returns every step's h
    /// [T, b, h]. The cell is two primitive ops, so it has no fused kernel; the node saves the per-step graph and the
    /// per-step weight gradients as for the gated cells.</summary>
    /// <exception cref="ShapeException">mismatched shapes or an empty sequence, named in the message.</exception>
    public static Tensor RnnTanhSequence(Tensor inputGates, Tensor weightHh, Tensor h0)
    {
        var (steps, _, _) = SequenceSizes("rnn", inputGates, weightHh, h0, 1);
        Dispatch.SameDType("rnn", inputGates, weightHh, h0);
        Dispatch.SameDevice("rnn", inputGates, weightHh, h0);
        Tensor outputs;
        using (GradMode.NoGrad())
        using (var scope = new TensorScope())
        {
            var gates = inputGates.Contiguous();
            var wT = weightHh.Transpose();
            var states = new Tensor[steps];
            var h = h0;
            for (var t = 0; t < steps; t++) h = states[t] = (gates.Step(t) + h.MatMul(wT)).Tanh();
            outputs = scope.Keep(Concat([.. states.Select(s => s.Unsqueeze(0))], 0));
        }
        return Tape.Record(outputs, "rnn_sequence", [inputGates, weightHh, h0], g =>
        {
            NotTwice("rnn_sequence");
            var dGates = AllocateUninitialized(inputGates.Shape, g.DType, g.Device);
            Tensor? dh = null;
            for (var t = steps - 1; t >= 0; t--)
            {
                using var step = new TensorScope();
                var h = outputs.Step(t);
                var dPre = (dh is null ? g.Step(t) : g.Step(t) + dh) * (1 - h * h);
                dPre.CopyTo(dGates.Step(t));
                dh = step.Keep(dPre.MatMul(weightHh));
            }
            return [Tape.For(inputGates, () => dGates), Tape.For(weightHh, () => RecurrentWeightGradient(dGates, h0, outputs)), Tape.For(h0, () => dh!)];
        });
    }

    /// <summary>The sequence rules assemble their results with unrecorded copies, so a graph of them (createGraph) is refused.</summary>
    private static void NotTwice(string node)
    {
        if (GradMode.IsEnabled)
            throw new AutogradException($"{node} cannot be differentiated twice: its rule runs backpropagation through time with fused kernels; " +
                "run the layer step by step (RecurrentMode.FusedCells or Composed) for second derivatives");
    }

    /// <summary>Step <paramref name="t"/> of a [T, …] tensor (a view).</summary>
    private Tensor Step(int t) => Slice(0, t, t + 1).Squeeze(0);

    /// <summary>∂W_hh = Σₜ ∂gatesₜᵀ·hₜ₋₁ with h₋₁ = <paramref name="h0"/> and hₜ the first T planes of <paramref name="states"/>:
    /// one GEMM over steps 1…T−1 (k = (T − 1)·b) plus the first step's.</summary>
    private static Tensor RecurrentWeightGradient(Tensor dGates, Tensor h0, Tensor states)
    {
        var (steps, batch, width) = (dGates.Shape[0], dGates.Shape[1], dGates.Shape[2]);
        var hidden = h0.Shape[1];
        var first = dGates.Step(0).Transpose().MatMul(h0);
        if (steps == 1) return first;
        var rest = dGates.Slice(0, 1, steps).Reshape((steps - 1) * batch, width).Transpose()
            .MatMul(states.Slice(0, 0, steps - 1).Reshape((steps - 1) * batch, hidden));
        return first + rest;
    }

    /// <summary>(T, b, h) of a recurrence, after checking [T, b, gates·h] input gates, a [gates·h, h] weight and a [b, h] state.</summary>
    private static (int Steps, int Batch, int Hidden) SequenceSizes(string layer, Tensor inputGates, Tensor weightHh, Tensor h0, int gates)
    {
        if (h0.Rank != 2) throw new ShapeException($"{layer}: the initial state must be [batch, hidden], got {h0.Shape}");
        var (batch, hidden) = (h0.Shape[0], h0.Shape[1]);
        if (weightHh.Shape != new Shape(gates * hidden, hidden))
            throw new ShapeException($"{layer}: the hidden-to-hidden weight must be [{gates}·hidden, hidden] = [{gates * hidden}, {hidden}] for a state {h0.Shape}, got {weightHh.Shape}");
        if (inputGates.Rank != 3 || inputGates.Shape[1] != batch || inputGates.Shape[2] != gates * hidden)
            throw new ShapeException($"{layer}: the input gates must be [steps, batch, {gates}·hidden] = [T, {batch}, {gates * hidden}] for a state {h0.Shape}, got {inputGates.Shape}");
        if (inputGates.Shape[0] == 0) throw new ShapeException($"{layer}: the sequence is empty (0 steps)");
        Dispatch.Floating(layer, h0);
        return (inputGates.Shape[0], batch, hidden);
    }
}
