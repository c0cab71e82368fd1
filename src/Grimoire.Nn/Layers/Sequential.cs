namespace Grimoire.Nn.Layers;

/// <summary>Modules applied one after the other; children are named by position ("0", "1", …).</summary>
public sealed class Sequential : Module
{
    private readonly Module[] _layers;

    public Sequential(params Module[] layers)
    {
        if (layers.Length == 0) throw new ArgumentException("a sequential model needs at least one layer", nameof(layers));
        _layers = layers;
    }

    public IReadOnlyList<Module> Layers => _layers;

    protected override IEnumerable<(string Name, ModuleBase Module)> Children =>
        _layers.Select((layer, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), (ModuleBase)layer));

    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }
}
