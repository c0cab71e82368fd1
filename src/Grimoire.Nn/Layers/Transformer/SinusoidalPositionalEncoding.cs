namespace Grimoire.Nn.Layers;

/// <summary>Vaswani et al.'s fixed encoding: PE[p, 2i] = sin(p/10000^(2i/dim)), PE[p, 2i + 1] = cos(p/10000^(2i/dim)), kept as
/// a buffer (saved with the model, never trained).</summary>
public sealed class SinusoidalPositionalEncoding : PositionalEncoding
{
    private readonly Tensor _table;

    /// <summary>The table for <paramref name="maxLength"/> positions of <paramref name="dim"/> features.</summary>
    public SinusoidalPositionalEncoding(int maxLength, int dim, DType dtype = DType.Float32) : base(maxLength, dim)
    {
        var values = new double[(long)maxLength * dim];
        for (var p = 0; p < maxLength; p++)
        {
            for (var j = 0; j < dim; j++)
            {
                var angle = p / Math.Pow(10000, 2 * (j / 2) / (double)dim);
                values[(long)p * dim + j] = j % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
            }
        }
        using var table = Tensor.FromArray(values, new Shape(maxLength, dim));
        _table = table.To(dtype);
    }

    /// <inheritdoc/>
    protected override Tensor Table => _table;

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Buffer)> OwnBuffers => [("pe", _table)];
}
