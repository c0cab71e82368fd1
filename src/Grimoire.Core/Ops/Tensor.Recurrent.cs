using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>The LSTM and GRU cells of book §31.3 as fused ops: the gate nonlinearities and the state update in one pass over a
/// step's gate pre-activations, saving the activated gates for a fused backward op; and the same cells composed of primitive
/// ops (sigmoid, tanh, mul, add), which are their decompositions and the reference the fused kernels are tested against.
/// Gate order and formulas are PyTorch's (<c>torch.nn.LSTMCell</c>, <c>torch.nn.GRUCell</c>), so weights map one to one.</summary>
public sealed partial class Tensor
{
    /// <summary>One LSTM step from the gate pre-activations a = <paramref name="inputGates"/> + <paramref name="hiddenGates"/>
    /// ([b, 4h] each, blocks i, f, g, o; normally x·W_ihᵀ + b_ih and h·W_hhᵀ + b_hh): c = σ(f)·c_prev + σ(i)·tanh(g),
    /// h = σ(o)·tanh(c). Differentiable in all three operands through the fused backward op.</summary>
    /// <exception cref="ShapeException">the operands are not [b, 4h], [b, 4h] and [b, h].</exception>
    public static (Tensor H, Tensor C) LstmCell(Tensor inputGates, Tensor hiddenGates, Tensor cPrev)
    {
        var saved = LstmCellSaved(inputGates, hiddenGates, cPrev);
        return (saved.Plane(0), saved.Plane(1));
    }

    /// <summary>One GRU step, PyTorch's formulas: r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r·h_n),
    /// h' = (1 − z)·n + z·h_prev, from <paramref name="inputGates"/> x·W_ihᵀ + b_ih and <paramref name="hiddenGates"/>
    /// h·W_hhᵀ + b_hh ([b, 3h] each, blocks r, z, n; the hidden part of n is kept apart because r scales it).</summary>
    /// <exception cref="ShapeException">the operands are not [b, 3h], [b, 3h] and [b, h].</exception>
    public static Tensor GruCell(Tensor inputGates, Tensor hiddenGates, Tensor hPrev) => GruCellSaved(inputGates, hiddenGates, hPrev).Plane(0);

    /// <summary><see cref="LstmCell"/> written with primitive ops: the reference composition (and the fused op's decomposition).</summary>
    public static (Tensor H, Tensor C) LstmCellComposed(Tensor inputGates, Tensor hiddenGates, Tensor cPrev)
    {
        var (h, c, _) = LstmCellParts(inputGates, hiddenGates, cPrev);
        return (h, c);
    }

    /// <summary><see cref="GruCell"/> written with primitive ops: the reference composition (and the fused op's decomposition).</summary>
    public static Tensor GruCellComposed(Tensor inputGates, Tensor hiddenGates, Tensor hPrev) => GruCellParts(inputGates, hiddenGates, hPrev).H;

    /// <summary>The composed LSTM step: h, c and the activated gates σ(i), σ(f), tanh(g), σ(o).</summary>
    internal static (Tensor H, Tensor C, (Tensor I, Tensor F, Tensor G, Tensor O) Gates) LstmCellParts(Tensor inputGates, Tensor hiddenGates, Tensor cPrev)
    {
        var gates = inputGates + hiddenGates;
        var h = gates.Shape[-1] / 4;
        var (i, f, g, o) = (Block(gates, 0, h).Sigmoid(), Block(gates, 1, h).Sigmoid(), Block(gates, 2, h).Tanh(), Block(gates, 3, h).Sigmoid());
        var c = f * cPrev + i * g;
        return (o * c.Tanh(), c, (i, f, g, o));
    }

    /// <summary>The composed GRU step: h' and the gates r, z, n.</summary>
    internal static (Tensor H, (Tensor R, Tensor Z, Tensor N) Gates) GruCellParts(Tensor inputGates, Tensor hiddenGates, Tensor hPrev)
    {
        var h = inputGates.Shape[-1] / 3;
        var r = (Block(inputGates, 0, h) + Block(hiddenGates, 0, h)).Sigmoid();
        var z = (Block(inputGates, 1, h) + Block(hiddenGates, 1, h)).Sigmoid();
        var n = (Block(inputGates, 2, h) + r * Block(hiddenGates, 2, h)).Tanh();
        return (n + z * (hPrev - n), (r, z, n));
    }

    /// <summary>Columns [k·h, (k + 1)·h) of a row-blocked operand.</summary>
    internal static Tensor Block(Tensor x, int k, int h) => x.Slice(-1, k * h, (k + 1) * h);

    /// <summary>Plane <paramref name="k"/> of a saved cell output [planes, b, h], as a [b, h] view in the graph.</summary>
    internal Tensor Plane(int k) => Slice(0, k, k + 1).Squeeze(0);

    /// <summary>The fused LSTM step's whole output [6, b, h] (h, c, then the activated gates the backward op reads).</summary>
    internal static Tensor LstmCellSaved(Tensor inputGates, Tensor hiddenGates, Tensor cPrev)
    {
        const string op = OpNames.LstmCell;
        var a = CellSizes(op, inputGates, hiddenGates, cPrev, 4);
        using var x = inputGates.Contiguous(copy: false, track: false);
        using var hg = hiddenGates.Contiguous(copy: false, track: false);
        using var c = cPrev.Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, AllocateUninitialized(new Shape(6, a.Batch, a.Hidden), cPrev.DType, cPrev.Device), a, x, hg, c);
        return Tape.Record(y, op, [inputGates, hiddenGates, cPrev], g =>
        {
            // Building a graph of the gradient (createGraph): the same formula in recorded primitives, from the gates recomputed.
            var (dGates, dCPrev) = GradMode.IsEnabled ? Split(ComposedLstmBackward(g, inputGates, hiddenGates, cPrev), 4)
                : LstmCellBackward(g.Plane(0), g.Plane(1), cPrev, y);
            return [Tape.For(inputGates, () => dGates), Tape.For(hiddenGates, () => dGates), Tape.For(cPrev, () => dCPrev)];
        });
    }

    /// <summary>The fused GRU step's whole output [4, b, h] (h, then r, z and n, which the backward op reads).</summary>
    internal static Tensor GruCellSaved(Tensor inputGates, Tensor hiddenGates, Tensor hPrev)
    {
        const string op = OpNames.GruCell;
        var a = CellSizes(op, inputGates, hiddenGates, hPrev, 3);
        using var x = inputGates.Contiguous(copy: false, track: false);
        using var hg = hiddenGates.Contiguous(copy: false, track: false);
        using var h = hPrev.Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, AllocateUninitialized(new Shape(4, a.Batch, a.Hidden), hPrev.DType, hPrev.Device), a, x, hg, h);
        return Tape.Record(y, op, [inputGates, hiddenGates, hPrev], g =>
        {
            var (dInput, dHidden, dHPrev) = GradMode.IsEnabled
                ? SplitGru(RecurrentDecompositions.GruCellBackward(g.Plane(0), hPrev, hiddenGates, GruCellParts(inputGates, hiddenGates, hPrev).Gates))
                : GruCellBackward(g.Plane(0), hPrev, hiddenGates, y);
            return [Tape.For(inputGates, () => dInput), Tape.For(hiddenGates, () => dHidden), Tape.For(hPrev, () => dHPrev)];
        });
    }

    /// <summary>The gradients of one fused LSTM step: of the gate pre-activations [b, 4h] (the same for the input and the hidden
    /// gates) and of the previous cell state [b, h], from the gradients of h and c, the previous cell state and the step's saved
    /// output. Not differentiable again.</summary>
    internal static (Tensor Gates, Tensor CPrev) LstmCellBackward(Tensor gradH, Tensor gradC, Tensor cPrev, Tensor saved)
    {
        const string op = OpNames.LstmCellBackward;
        var a = BackwardSizes(op, cPrev);
        return Split(CellBackward(op, new Shape(a.Batch, 5 * a.Hidden), a, gradH, gradC, cPrev, saved), 4);
    }

    /// <summary>The gradients of one fused GRU step: of the input gates [b, 3h], of the hidden gates [b, 3h] and the direct part
    /// z·∂h of the previous state's [b, h] (its path through the hidden gates is the caller's matmul). Not differentiable again.</summary>
    internal static (Tensor InputGates, Tensor HiddenGates, Tensor HPrev) GruCellBackward(Tensor gradH, Tensor hPrev, Tensor hiddenGates, Tensor saved)
    {
        const string op = OpNames.GruCellBackward;
        var a = BackwardSizes(op, hPrev);
        return SplitGru(CellBackward(op, new Shape(a.Batch, 7 * a.Hidden), a, gradH, hPrev, hiddenGates, saved));
    }

    /// <summary>The LSTM step's gradient in recorded primitives, from the gates recomputed (so it is differentiable again).</summary>
    private static Tensor ComposedLstmBackward(Tensor g, Tensor inputGates, Tensor hiddenGates, Tensor cPrev)
    {
        var (_, c, gates) = LstmCellParts(inputGates, hiddenGates, cPrev);
        return RecurrentDecompositions.LstmCellBackward(g.Plane(0), g.Plane(1), cPrev, c, gates);
    }

    /// <summary>[b, (blocks + 1)·h] into its first <paramref name="blocks"/> blocks and its last.</summary>
    private static (Tensor Gates, Tensor State) Split(Tensor d, int blocks)
    {
        var h = d.Shape[1] / (blocks + 1);
        return (d.Slice(1, 0, blocks * h), d.Slice(1, blocks * h, (blocks + 1) * h));
    }

    /// <summary>[b, 7h] into the input gates' (3h), the hidden gates' (3h) and the previous state's (h) gradients.</summary>
    private static (Tensor InputGates, Tensor HiddenGates, Tensor HPrev) SplitGru(Tensor d)
    {
        var h = d.Shape[1] / 7;
        return (d.Slice(1, 0, 3 * h), d.Slice(1, 3 * h, 6 * h), d.Slice(1, 6 * h, 7 * h));
    }

    private static Tensor CellBackward(string op, Shape output, RecurrentCellAttributes a, params Tensor[] operands)
    {
        Dispatch.SameDType(op, operands);
        Dispatch.SameDevice(op, operands);
        Dispatch.Floating(op, operands[0]);
        var dense = operands.Select(t => t.Contiguous(copy: false, track: false)).ToArray();
        try
        {
            var y = Dispatch.Run(op, AllocateUninitialized(output, operands[0].DType, operands[0].Device), a, dense);
            return Tape.Record(y, op, operands, _ => throw new AutogradException($"{op} has no gradient: a fused recurrent cell cannot be differentiated twice"));
        }
        finally
        {
            foreach (var t in dense) t.Dispose();
        }
    }

    private static RecurrentCellAttributes BackwardSizes(string op, Tensor state) =>
        state.Rank == 2 ? new(state.Shape[0], state.Shape[1]) : throw new ShapeException($"{op}: the previous state must be [batch, hidden], got {state.Shape}");

    /// <summary>Checks a cell's operands: [b, gates·h] input and hidden gates and a [b, h] state of one floating dtype and device.</summary>
    private static RecurrentCellAttributes CellSizes(string op, Tensor inputGates, Tensor hiddenGates, Tensor state, int gates)
    {
        if (state.Rank != 2) throw new ShapeException($"{op}: the previous state must be [batch, hidden], got {state.Shape}");
        var (b, h) = (state.Shape[0], state.Shape[1]);
        if ((long)gates * h * Math.Max(b, 1) * 2 > int.MaxValue) throw new ShapeException($"{op}: batch {b} x hidden {h} is too large");
        var expected = new Shape(b, gates * h);
        if (inputGates.Shape != expected) throw new ShapeException($"{op}: input gates must be [batch, {gates}·hidden] = {expected} for a state {state.Shape}, got {inputGates.Shape}");
        if (hiddenGates.Shape != expected) throw new ShapeException($"{op}: hidden gates must be [batch, {gates}·hidden] = {expected} for a state {state.Shape}, got {hiddenGates.Shape}");
        Dispatch.SameDType(op, inputGates, hiddenGates, state);
        Dispatch.SameDevice(op, inputGates, hiddenGates, state);
        Dispatch.Floating(op, state);
        return new RecurrentCellAttributes(b, h);
    }
}
