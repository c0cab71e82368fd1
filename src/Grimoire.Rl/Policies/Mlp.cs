using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Rl.Policies;

/// <summary>The tanh multilayer perceptrons policy-gradient methods use for actors and critics, initialised as the
/// common implementations do (orthogonal, gain √2 on hidden layers and a chosen gain on the output).</summary>
public static class Mlp
{
    /// <summary><paramref name="layers"/> tanh layers of <paramref name="hidden"/> units, then a linear output layer
    /// with gain <paramref name="outputGain"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a size below 1 or a negative layer count.</exception>
    public static Sequential Build(int inputs, int hidden, int layers, int outputs, double outputGain, Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        var modules = new List<Module>();
        try
        {
            var width = inputs;
            for (var i = 0; i < layers; i++)
            {
                var layer = new Linear(width, hidden, Activation.Tanh, rng);
                modules.Add(layer);
                Orthogonal.Initialize(layer, Math.Sqrt(2), rng);
                width = hidden;
            }
            var output = new Linear(width, outputs, Activation.None, rng);
            modules.Add(output);
            Orthogonal.Initialize(output, outputGain, rng);
            return new Sequential([.. modules]);
        }
        catch
        {
            foreach (var m in modules) m.Dispose();
            throw;
        }
    }
}
