namespace Grimoire.Nn.Layers;

/// <summary>Modules applied one after the other; children are named by position ("0", "1", …).</summary>
public sealed class Sequential : Module
{
    private readonly Module[] _layers;

    /// <summary>Chains <paramref name="layers"/> in order; the model owns them from now on.</summary>
    /// <exception cref="ArgumentException">no layer.</exception>
    public Sequential(params Module[] layers)
    {
        if (layers.Length == 0) throw new ArgumentException("a sequential model needs at least one layer", nameof(layers));
        _layers = layers;
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children =>
        _layers.Select((layer, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), (ModuleBase)layer));

    /// <summary>Each layer's output fed to the next; intermediates are left to the enclosing <see cref="TensorScope"/>.</summary>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }
}
