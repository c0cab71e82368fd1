namespace Grimoire.Nn.Layers;

/// <summary>How a dense layer's weights are drawn. Both keep the variance of activations roughly
/// constant from layer to layer so deep stacks neither vanish nor explode at the start of training.</summary>
public enum Initializer
{
    /// <summary>He/Kaiming uniform: U(−√(6/fan_in), √(6/fan_in)), for ReLU layers, which zero half their inputs.</summary>
    HeUniform,

    /// <summary>Glorot/Xavier uniform: U(−√(6/(fan_in+fan_out)), +…), for tanh, sigmoid and linear outputs.</summary>
    GlorotUniform,
}

internal static class InitializerExtensions
{
    /// <summary>The half-width of the uniform range for a [fanIn, fanOut] weight.</summary>
    public static double Bound(this Initializer initializer, int fanIn, int fanOut) => initializer switch
    {
        Initializer.HeUniform => Math.Sqrt(6.0 / fanIn),
        Initializer.GlorotUniform => Math.Sqrt(6.0 / (fanIn + fanOut)),
        _ => throw new ArgumentOutOfRangeException(nameof(initializer), initializer, "unknown initializer"),
    };
}
