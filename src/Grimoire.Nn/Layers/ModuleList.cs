using System.Collections;
using System.Globalization;

namespace Grimoire.Nn.Layers;

/// <summary>Modules held by position, as PyTorch's <c>nn.ModuleList</c>: children named "0", "1", … so their parameters
/// are "0.weight", "1.bias"; it has no forward of its own, the owner decides how to call them (a stack of blocks with
/// skips, one head per task). <typeparamref name="TModule"/> types the items (<see cref="ModuleBase"/> for a mix).</summary>
public sealed class ModuleList<TModule> : ModuleBase, IReadOnlyList<TModule> where TModule : ModuleBase
{
    private readonly List<TModule> _items = [];

    /// <summary>A list holding <paramref name="items"/> in order, as if each were passed to <see cref="Add"/>.</summary>
    /// <exception cref="ArgumentException">a module that occurs twice.</exception>
    public ModuleList(IEnumerable<TModule>? items = null)
    {
        foreach (var item in items ?? []) Add(item);
    }

    /// <summary>Number of modules held.</summary>
    public int Count => _items.Count;

    /// <summary>The module at <paramref name="index"/>, named by its position.</summary>
    /// <exception cref="ArgumentOutOfRangeException">an index outside [0, <see cref="Count"/>).</exception>
    public TModule this[int index] => _items[index];

    /// <summary>Appends <paramref name="module"/>; the list owns it from now on.</summary>
    /// <exception cref="ArgumentException">the module is already in the list (it would be trained and disposed twice).</exception>
    public void Add(TModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (_items.Any(m => ReferenceEquals(m, module))) throw new ArgumentException($"this {module.GetType().Name} is already in the module list at {_items.FindIndex(m => ReferenceEquals(m, module))}", nameof(module));
        _items.Add(module);
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children =>
        _items.Select((m, i) => (i.ToString(CultureInfo.InvariantCulture), (ModuleBase)m));

    /// <summary>The modules in order.</summary>
    public IEnumerator<TModule> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
