using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Comparisons give a mask of this dtype (1 where true, 0 where false) and carry no gradient;
/// <see cref="Where"/> selects by a mask.</summary>
public sealed partial class Tensor
{
    /// <summary>this == <paramref name="other"/> elementwise, broadcast; operands of one dtype and device.</summary>
    public Tensor Eq(Tensor other) => BroadcastKernel(OpNames.Eq, other);

    /// <summary>this != <paramref name="other"/> elementwise, broadcast (1 where either is NaN).</summary>
    public Tensor Ne(Tensor other) => BroadcastKernel(OpNames.Ne, other);

    /// <summary>this &lt; <paramref name="other"/> elementwise, broadcast.</summary>
    public Tensor Lt(Tensor other) => BroadcastKernel(OpNames.Lt, other);

    /// <summary>this ≤ <paramref name="other"/> elementwise, broadcast.</summary>
    public Tensor Le(Tensor other) => BroadcastKernel(OpNames.Le, other);

    /// <summary>this &gt; <paramref name="other"/> elementwise, broadcast.</summary>
    public Tensor Gt(Tensor other) => BroadcastKernel(OpNames.Gt, other);

    /// <summary>this ≥ <paramref name="other"/> elementwise, broadcast.</summary>
    public Tensor Ge(Tensor other) => BroadcastKernel(OpNames.Ge, other);

    /// <summary>this == <paramref name="value"/> elementwise (the value converted to this dtype).</summary>
    public Tensor Eq(double value) => Eq(ScalarLike(value));

    /// <summary>this &lt; <paramref name="value"/> elementwise (the value converted to this dtype).</summary>
    public Tensor Lt(double value) => Lt(ScalarLike(value));

    /// <summary>this ≤ <paramref name="value"/> elementwise (the value converted to this dtype).</summary>
    public Tensor Le(double value) => Le(ScalarLike(value));

    /// <summary>this &gt; <paramref name="value"/> elementwise (the value converted to this dtype).</summary>
    public Tensor Gt(double value) => Gt(ScalarLike(value));

    /// <summary>this ≥ <paramref name="value"/> elementwise (the value converted to this dtype).</summary>
    public Tensor Ge(double value) => Ge(ScalarLike(value));

    /// <summary><paramref name="a"/> where <paramref name="condition"/> is non-zero, else <paramref name="b"/>,
    /// all three broadcast together. The condition may have any dtype.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        Dispatch.SameDType("where", a, b);
        Dispatch.SameDevice("where", condition, a, b);
        var shape = Grimoire.Shape.Broadcast(Grimoire.Shape.Broadcast(condition.Shape, a.Shape), b.Shape);
        var mask = condition.DType == a.DType ? condition : condition.To(a.DType);
        using var c = mask.BroadcastView(shape, track: false);
        using var av = a.BroadcastView(shape, track: false);
        using var bv = b.BroadcastView(shape, track: false);
        var y = Dispatch.Run(OpNames.Where, AllocateUninitialized(shape, a.DType, a.Device), null, av, bv, c);
        return Tape.Record(y, OpNames.Where, [a, b], g =>
        {
            using var zero = g.ScalarLike(0);
            return
            [
                Tape.For(a, () => Where(condition, g, zero).SumTo(a.Shape)),
                Tape.For(b, () => Where(condition, zero, g).SumTo(b.Shape)),
            ];
        });
    }
}
