namespace Grimoire.Nn.Contrastive;

/// <summary>
/// The normalised-temperature cross-entropy of SimCLR (Chen et al. 2020), the contrastive loss of book §17.1.
/// For N pairs of views (za[i], zb[i]), each embedding is L2-normalised. Each of the 2N embeddings must then pick out
/// its partner among the other 2N − 1 by cosine similarity divided by the temperature: a softmax cross-entropy over
/// a row of the similarity matrix with the diagonal (self-similarity) pushed to −∞ in effect. Built from engine
/// ops, so autodiff gives the gradient.
/// </summary>
public static class NtXent
{
    // Subtracted from self-similarities: exp(−1e4) is 0 in float32 and float64, so a row's own entry never counts.
    private const double SelfMask = 1e4;

    /// <summary>The mean NT-Xent loss (a scalar) of the paired embeddings <paramref name="za"/> and <paramref name="zb"/>, both
    /// [pairs, features], at <paramref name="temperature"/>.</summary>
    /// <exception cref="ShapeException">embeddings that are not rank 2 of one shape, or fewer than two pairs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a temperature that is not positive.</exception>
    public static Tensor Loss(Tensor za, Tensor zb, double temperature = 0.5)
    {
        if (za.Rank != 2 || za.Shape != zb.Shape) throw new ShapeException($"NT-Xent needs two [pairs, features] embeddings of one shape, got {za.Shape} and {zb.Shape}");
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be positive");
        var n = za.Shape[0];
        if (n < 2) throw new ShapeException($"NT-Xent needs at least two pairs (one positive and negatives), got {n}");
        var z = Tensor.Concat([za, zb], 0);
        var unit = z / ((z * z).Sum(1, keepDims: true) + 1e-12).Sqrt();
        var similarity = unit.MatMul(unit.Transpose()) / temperature;
        // Not disposed here: backward still reads them; the caller's TensorScope releases them with the step.
        var eye = Eye(2 * n, z.DType, z.Device);
        var logits = similarity - eye * SelfMask;
        // Row i's positive is its partner: i + n for the first views, i − n for the second.
        var partners = Tensor.FromArray(Enumerable.Range(0, 2 * n).Select(i => i < n ? i + n : i - n).ToArray(), device: z.Device);
        return logits.CrossEntropy(partners);
    }

    private static Tensor Eye(int size, DType dtype, Device device)
    {
        var values = new double[size * size];
        for (var i = 0; i < size; i++) values[i * size + i] = 1;
        using var host = Tensor.FromArray(values, new Shape(size, size));
        using var typed = host.To(dtype);
        return typed.To(device);
    }
}
