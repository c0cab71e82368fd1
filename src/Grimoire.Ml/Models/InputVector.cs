using System.Globalization;

namespace Grimoire.Ml.Models;

/// <summary>A target y [rows] as the typed estimators take it: from <c>double[]</c>, <c>float[]</c>, spans or a
/// floating <see cref="Tensor"/> of shape [n] or [n, 1] (implicit conversions), widened to float64. Values must be
/// finite (<see cref="DataException"/>); <see cref="InputMatrix.WithTarget"/> checks the length against x.</summary>
public sealed class InputVector
{
    private readonly double[] _values;

    private InputVector(double[] values)
    {
        var at = Array.FindIndex(values, v => !double.IsFinite(v));
        if (at >= 0) throw new DataException($"y holds {values[at].ToString(CultureInfo.InvariantCulture)} at index {at}; models need finite values");
        _values = values;
    }

    /// <summary>The number of values (rows).</summary>
    public int Length => _values.Length;

    /// <summary>A copy of <paramref name="y"/>.</summary>
    public static implicit operator InputVector(double[] y) => new((double[])(y ?? throw new ArgumentNullException(nameof(y))).Clone());

    /// <inheritdoc cref="op_Implicit(double[])"/>
    public static implicit operator InputVector(float[] y) => (ReadOnlySpan<float>)(y ?? throw new ArgumentNullException(nameof(y)));

    /// <inheritdoc cref="op_Implicit(double[])"/>
    public static implicit operator InputVector(ReadOnlySpan<double> y) => new(y.ToArray());

    /// <inheritdoc cref="op_Implicit(double[])"/>
    public static implicit operator InputVector(ReadOnlySpan<float> y)
    {
        var wide = new double[y.Length];
        for (var i = 0; i < y.Length; i++) wide[i] = y[i];
        return new InputVector(wide);
    }

    /// <summary>The values of a float32 or float64 tensor [n] or [n, 1], on any device; other dtypes are a
    /// <see cref="DTypeException"/>, other shapes a <see cref="ShapeException"/>.</summary>
    public static implicit operator InputVector(Tensor y)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (!y.DType.IsFloating()) throw new DTypeException($"y must be a floating tensor (f32 or f64), got {y.DType.Name()}");
        if (!(y.Shape.Rank == 1 || (y.Shape.Rank == 2 && y.Shape[1] == 1))) throw new ShapeException($"y must be a vector [n] or a column [n, 1], got shape {y.Shape}");
        return new InputVector(y.ToDoubleArray());
    }

    /// <summary>A float64 engine tensor [n] of the values; the caller owns it.</summary>
    public Tensor ToTensor() => Tensor.FromArray(_values, new Shape(_values.Length));
}
