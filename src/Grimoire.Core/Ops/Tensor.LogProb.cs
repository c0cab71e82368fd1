using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Fused log-probabilities of the distributions policies sample from: one pass instead of the five to eight ops
/// of their decompositions.</summary>
public sealed partial class Tensor
{
    /// <summary>½ log 2π, the normal density's constant term.</summary>
    public const double HalfLogTwoPi = 0.91893853320467274178;

    /// <summary>log N(x; μ, σ) = −(x − μ)²/(2σ²) − log σ − ½ log 2π elementwise with σ = e^(log σ), the three broadcast
    /// together (NumPy rules), as <c>torch.distributions.Normal(μ, σ).log_prob(x)</c>; differentiable in all three.</summary>
    /// <exception cref="ShapeException">the shapes do not broadcast.</exception>
    public static Tensor NormalLogProb(Tensor x, Tensor mean, Tensor logStd)
    {
        const string op = OpNames.NormalLogProb;
        Dispatch.SameDType(op, x, mean, logStd);
        Dispatch.SameDevice(op, x, mean, logStd);
        Dispatch.Floating(op, x);
        var shape = Grimoire.Shape.Broadcast(Grimoire.Shape.Broadcast(x.Shape, mean.Shape), logStd.Shape);
        using var xv = x.BroadcastView(shape, track: false);
        using var mv = mean.BroadcastView(shape, track: false);
        using var sv = logStd.BroadcastView(shape, track: false);
        var y = Dispatch.Run(op, AllocateUninitialized(shape, x.DType, x.Device), null, xv, mv, sv);
        return Tape.Record(y, op, [x, mean, logStd], g =>
        {
            var difference = x - mean;
            var scaled = difference * (logStd * -2).Exp(); // (x − μ)/σ²
            return
            [
                Tape.For(x, () => (-g * scaled).SumTo(x.Shape)),
                Tape.For(mean, () => (g * scaled).SumTo(mean.Shape)),
                Tape.For(logStd, () => (g * (difference * scaled - 1)).SumTo(logStd.Shape)),
            ];
        });
    }

    /// <summary>log softmax(this)[i, aᵢ] for logits [n, c] and int32 <paramref name="actions"/> [n] → [n], one pass per row,
    /// as <c>torch.distributions.Categorical(logits=…).log_prob(actions)</c>.</summary>
    /// <exception cref="ShapeException">logits not of rank 2, actions not of shape [n], or an action outside [0, c).</exception>
    /// <exception cref="DTypeException">actions not int32.</exception>
    public Tensor CategoricalLogProb(Tensor actions)
    {
        const string op = OpNames.CategoricalLogProb;
        if (Rank != 2) throw new ShapeException($"categorical_log_prob needs logits of shape [n, classes], got {Shape}");
        if (actions.Rank != 1 || actions.Shape[0] != Shape[0])
            throw new ShapeException($"categorical_log_prob actions must have shape [{Shape[0]}] for logits {Shape}, got {actions.Shape}");
        if (actions.DType != DType.Int32) throw new DTypeException($"categorical_log_prob actions must be i32 class indices, got {actions.DType.Name()}");
        Dispatch.Floating(op, this);
        Dispatch.SameDevice(op, this, actions);
        CheckIndices($"{op} action", actions, Shape[1]);
        using var x = Contiguous(copy: false, track: false);
        using var a = actions.Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, AllocateUninitialized(new Shape(Shape[0]), DType, Device), null, x, a);
        var logits = this;
        return Tape.Record(y, op, [this], g =>
            [(OneHotOf(actions, logits.Shape[1], logits.DType) - logits.Softmax()) * g.Reshape(logits.Shape[0], 1)]);
    }
}
