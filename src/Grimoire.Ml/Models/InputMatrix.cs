using System.Globalization;
using Grimoire.Ml.Data;

namespace Grimoire.Ml.Models;

/// <summary>A feature matrix X [rows, columns] as the typed estimators take it: from <c>double[,]</c>,
/// <c>float[,]</c>, jagged rows or an engine <see cref="Tensor"/> of any floating dtype (implicit conversions), or
/// from a row-major span with its row count. Values are widened to float64 (exactly, for float32), so a float32
/// input fits the same model as its float64 copy. Shapes are checked here: at least one row and one column,
/// rectangular rows (<see cref="ShapeException"/>); values must be finite (<see cref="DataException"/>).</summary>
public sealed class InputMatrix
{
    private readonly double[] _values;

    private InputMatrix(double[] values, int rows, int columns)
    {
        if (rows < 1 || columns < 1) throw new ShapeException($"x must have at least one row and one column, got shape [{rows}, {columns}]");
        var at = Array.FindIndex(values, v => !double.IsFinite(v));
        if (at >= 0) throw new DataException($"x holds {values[at].ToString(CultureInfo.InvariantCulture)} at row {at / columns}, column {at % columns}; models need finite values");
        (_values, Rows, Columns) = (values, rows, columns);
    }

    /// <summary>Row-major values: row i is values[i·columns .. (i+1)·columns).</summary>
    public InputMatrix(ReadOnlySpan<double> values, int rows) : this(values.ToArray(), rows, ColumnsOf(values.Length, rows)) { }

    /// <inheritdoc cref="InputMatrix(ReadOnlySpan{double}, int)"/>
    public InputMatrix(ReadOnlySpan<float> values, int rows) : this(Widen(values), rows, ColumnsOf(values.Length, rows)) { }

    /// <summary>The number of rows, ≥ 1.</summary>
    public int Rows { get; }

    /// <summary>The number of columns (features), ≥ 1.</summary>
    public int Columns { get; }

    /// <summary>"[rows, columns]", for messages.</summary>
    public string ShapeText => $"[{Rows}, {Columns}]";

    /// <summary>A copy of a rectangular array [rows, columns].</summary>
    public static implicit operator InputMatrix(double[,] x) => FromRectangular(x, (i, j) => x[i, j]);

    /// <inheritdoc cref="op_Implicit(double[,])"/>
    public static implicit operator InputMatrix(float[,] x) => FromRectangular(x, (i, j) => x[i, j]);

    /// <summary>A copy of jagged rows, all of one length; a null row is an <see cref="ArgumentNullException"/>.</summary>
    public static implicit operator InputMatrix(double[][] rows) => FromJagged(rows, r => r.Length, (r, j) => r[j]);

    /// <inheritdoc cref="op_Implicit(double[][])"/>
    public static implicit operator InputMatrix(float[][] rows) => FromJagged(rows, r => r.Length, (r, j) => r[j]);

    /// <summary>A rank-2 tensor of float32 or float64, on any device.</summary>
    public static implicit operator InputMatrix(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!x.DType.IsFloating()) throw new DTypeException($"x must be a floating tensor (f32 or f64), got {x.DType.Name()}");
        if (x.Shape.Rank != 2) throw new ShapeException($"x must be a matrix [rows, columns], got shape {x.Shape}");
        return new InputMatrix(x.ToDoubleArray(), x.Shape[0], x.Shape[1]);
    }

    /// <summary>A float64 engine tensor of the values; the caller owns it.</summary>
    public Tensor ToTensor() => Tensor.FromArray(_values, new Shape(Rows, Columns));

    /// <summary>A data set of these rows with target <paramref name="y"/>, one value per row; features are named
    /// x0, x1, … (the names a saved model records).</summary>
    public Dataset WithTarget(InputVector? y)
    {
        if (y is not null && y.Length != Rows)
            throw new ShapeException($"x has shape {ShapeText} but y has shape [{y.Length}]: a supervised model needs one target per row of x");
        return new Dataset($"input x {ShapeText}", [.. Enumerable.Range(0, Columns).Select(j => $"x{j}")], ToTensor(), y is null ? null : "y", y?.ToTensor());
    }

    /// <summary>These rows as a tensor for a model fitted on <paramref name="features"/>: a <see cref="ShapeException"/>
    /// naming both shapes when the column count differs.</summary>
    internal Tensor ForModel(IReadOnlyList<string> features) => Columns == features.Count ? ToTensor()
        : throw new ShapeException($"x has shape {ShapeText} but the model was fitted on {features.Count} features ({string.Join(", ", features)}); expected [{Rows}, {features.Count}]");

    private static int ColumnsOf(int length, int rows)
    {
        if (rows < 1) throw new ShapeException($"x must have at least one row, got rows = {rows}");
        if (length % rows != 0) throw new ShapeException($"{length} values do not split into {rows} rows of equal length");
        return length / rows;
    }

    private static double[] Widen(ReadOnlySpan<float> values)
    {
        var wide = new double[values.Length];
        for (var i = 0; i < values.Length; i++) wide[i] = values[i];
        return wide;
    }

    private static InputMatrix FromRectangular(Array x, Func<int, int, double> at)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (rows, columns) = (x.GetLength(0), x.GetLength(1));
        var values = new double[rows * columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++) values[i * columns + j] = at(i, j);
        return new InputMatrix(values, rows, columns);
    }

    private static InputMatrix FromJagged<TRow>(TRow[] rows, Func<TRow, int> length, Func<TRow, int, double> at) where TRow : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0) throw new ShapeException("x must have at least one row and one column, got no rows");
        var columns = length(rows[0] ?? throw new ArgumentNullException(nameof(rows), "row 0 is null"));
        var values = new double[rows.Length * columns];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i] ?? throw new ArgumentNullException(nameof(rows), $"row {i} is null");
            if (length(row) != columns) throw new ShapeException($"x is ragged: row {i} has {length(row)} values, row 0 has {columns}");
            for (var j = 0; j < columns; j++) values[i * columns + j] = at(row, j);
        }
        return new InputMatrix(values, rows.Length, columns);
    }
}
