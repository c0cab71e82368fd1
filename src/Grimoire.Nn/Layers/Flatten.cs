namespace Grimoire.Nn.Layers;

/// <summary>[n, d1, d2, …] → [n, d1·d2·…]: feeds image-shaped batches to dense layers.</summary>
public sealed class Flatten : Module
{
    /// <inheritdoc/>
    /// <exception cref="ShapeException">a scalar input, which has no batch axis.</exception>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank < 1) throw new ShapeException($"flatten needs a batch axis, got a scalar of shape {input.Shape}");
        var rows = input.Shape[0];
        return input.Reshape(rows, rows == 0 ? 0 : input.Size / rows);
    }
}
