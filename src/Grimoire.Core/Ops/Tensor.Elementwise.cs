using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>Elementwise unary and binary ops with NumPy broadcasting, and their gradient rules.</summary>
public sealed partial class Tensor
{
    /// <summary>−x elementwise. Floating dtypes only, as every op here.</summary>
    public Tensor Neg() => Unary(OpNames.Neg, null, (x, y, g) => -g);

    /// <summary>eˣ elementwise.</summary>
    public Tensor Exp() => Unary(OpNames.Exp, null, (x, y, g) => g * y);

    /// <summary>Natural logarithm elementwise: NaN below 0, −∞ at 0.</summary>
    public Tensor Log() => Unary(OpNames.Log, null, (x, y, g) => g / x);

    /// <summary>Square root elementwise: NaN below 0; the gradient is infinite at 0.</summary>
    public Tensor Sqrt() => Unary(OpNames.Sqrt, null, (x, y, g) => g * 0.5 / y);

    /// <summary>|x| elementwise; the gradient at 0 is 0.</summary>
    public Tensor Abs() => Unary(OpNames.Abs, null, (x, y, g) => g * (x.Gt(0) - x.Lt(0)));

    /// <summary>Hyperbolic tangent elementwise.</summary>
    public Tensor Tanh() => Unary(OpNames.Tanh, null, (x, y, g) => g * (1 - y * y));

    /// <summary>The logistic function 1 / (1 + e^(−x)) elementwise.</summary>
    public Tensor Sigmoid() => Unary(OpNames.Sigmoid, null, (x, y, g) => g * y * (1 - y));

    /// <summary>max(x, 0) elementwise; the gradient at 0 is 0.</summary>
    public Tensor Relu() => Unary(OpNames.Relu, null, (x, y, g) => g * x.Gt(0));

    /// <summary>x for x &gt; 0, <paramref name="slope"/>·x otherwise.</summary>
    public Tensor LeakyRelu(double slope = 0.01) =>
        Unary(OpNames.LeakyRelu, new UnaryAttributes(slope), (x, y, g) => Where(x.Gt(0), g, g * slope));

    /// <summary>this + <paramref name="other"/>, broadcast (NumPy rules); operands of one floating dtype and one device.</summary>
    /// <exception cref="ShapeException">shapes that do not broadcast.</exception>
    /// <exception cref="DTypeException">dtypes that differ or are not floating.</exception>
    /// <exception cref="DeviceException">operands on different devices.</exception>
    public Tensor Add(Tensor other) => Binary(OpNames.Add, other, (a, b, y, g) => (() => g, () => g));

    /// <summary>this − <paramref name="other"/>, broadcast; as <see cref="Add"/>.</summary>
    public Tensor Sub(Tensor other) => Binary(OpNames.Sub, other, (a, b, y, g) => (() => g, () => -g));

    /// <summary>this · <paramref name="other"/>, broadcast; as <see cref="Add"/>.</summary>
    public Tensor Mul(Tensor other) => Binary(OpNames.Mul, other, (a, b, y, g) => (() => g * b, () => g * a));

    /// <summary>this / <paramref name="other"/>, broadcast (IEEE: x/0 is ±∞ or NaN); as <see cref="Add"/>.</summary>
    public Tensor Div(Tensor other) => Binary(OpNames.Div, other, (a, b, y, g) => (() => g / b, () => -g * y / b));

    /// <summary>Elementwise maximum; ties send the gradient to this (left) operand.</summary>
    public Tensor Maximum(Tensor other) => Binary(OpNames.Maximum, other, (a, b, y, g) => (() => g * a.Ge(b), () => g * a.Lt(b)));

    /// <summary>this^exponent elementwise; the exponent's gradient uses log(this), defined for positive bases.</summary>
    public Tensor Pow(Tensor exponent) =>
        Binary(OpNames.Pow, exponent, (a, b, y, g) => (() => g * b * a.Pow(b - 1), () => g * y * a.Log()));

    /// <summary>this^<paramref name="exponent"/> elementwise; see <see cref="Pow(Tensor)"/>.</summary>
    public Tensor Pow(double exponent) => Pow(ScalarLike(exponent));

    /// <see cref="Neg"/>.
    public static Tensor operator -(Tensor x) => x.Neg();

    /// <see cref="Add"/>.
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);

    /// <see cref="Sub"/>.
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);

    /// <see cref="Mul"/>.
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);

    /// <see cref="Div"/>.
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);

    /// <summary>Adds a scalar, converted to <paramref name="a"/>'s dtype.</summary>
    public static Tensor operator +(Tensor a, double b) => a.Add(a.ScalarLike(b));

    /// <summary>Adds a scalar, converted to <paramref name="b"/>'s dtype.</summary>
    public static Tensor operator +(double a, Tensor b) => b.ScalarLike(a).Add(b);

    /// <summary>Subtracts a scalar, converted to <paramref name="a"/>'s dtype.</summary>
    public static Tensor operator -(Tensor a, double b) => a.Sub(a.ScalarLike(b));

    /// <summary>A scalar minus each element, the scalar converted to <paramref name="b"/>'s dtype.</summary>
    public static Tensor operator -(double a, Tensor b) => b.ScalarLike(a).Sub(b);

    /// <summary>Multiplies by a scalar, converted to <paramref name="a"/>'s dtype.</summary>
    public static Tensor operator *(Tensor a, double b) => a.Mul(a.ScalarLike(b));

    /// <summary>Multiplies by a scalar, converted to <paramref name="b"/>'s dtype.</summary>
    public static Tensor operator *(double a, Tensor b) => b.ScalarLike(a).Mul(b);

    /// <summary>Divides by a scalar, converted to <paramref name="a"/>'s dtype.</summary>
    public static Tensor operator /(Tensor a, double b) => a.Div(a.ScalarLike(b));

    /// <summary>A scalar divided by each element, the scalar converted to <paramref name="b"/>'s dtype.</summary>
    public static Tensor operator /(double a, Tensor b) => b.ScalarLike(a).Div(b);

    /// <summary>A rank-0 tensor of this tensor's dtype and device.</summary>
    public Tensor ScalarLike(double value) => Scalar(value, DType, Device);

    private Tensor Unary(string op, object? attributes, Func<Tensor, Tensor, Tensor, Tensor> gradient)
    {
        Dispatch.Floating(op, this);
        using var x = Contiguous(copy: false, track: false);
        var y = Dispatch.Run(op, AllocateUninitialized(Shape, DType, Device), attributes, x);
        return Tape.Record(y, op, [this], g => [gradient(this, y, g)]);
    }

    private Tensor Binary(string op, Tensor other, Func<Tensor, Tensor, Tensor, Tensor, (Func<Tensor> A, Func<Tensor> B)> gradient)
    {
        var y = BroadcastKernel(op, other);
        var (a, b) = (this, other);
        return Tape.Record(y, op, [a, b], g =>
        {
            var (ga, gb) = gradient(a, b, y, g);
            return [a.RequiresGrad ? ga().SumTo(a.Shape) : null, b.RequiresGrad ? gb().SumTo(b.Shape) : null];
        });
    }

    /// <summary>Runs a two-operand broadcasting kernel; both operands must share dtype and device.</summary>
    internal Tensor BroadcastKernel(string op, Tensor other)
    {
        Dispatch.SameDType(op, this, other);
        Dispatch.SameDevice(op, this, other);
        if (OpNames.Binary.Contains(op)) Dispatch.Floating(op, this);
        var shape = Grimoire.Shape.Broadcast(Shape, other.Shape);
        using var a = BroadcastView(shape, track: false);
        using var b = other.BroadcastView(shape, track: false);
        return Dispatch.Run(op, AllocateUninitialized(shape, DType, Device), null, a, b);
    }
}
