namespace Grimoire.Ml.Data;

/// <summary>Standard normal draws from a <see cref="Random"/> (Box–Muller, cosine branch only), for generated data,
/// noise and augmentations seeded by a System.Random. One definition, so every user draws the same stream.</summary>
public static class GaussianSampling
{
    /// <summary>One N(0, 1) draw, consuming two uniforms of <paramref name="random"/>.</summary>
    public static double NextGaussian(this Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
