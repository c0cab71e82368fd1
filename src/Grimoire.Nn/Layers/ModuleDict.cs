using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Grimoire.Nn.Layers;

/// <summary>Modules held by name in insertion order, as PyTorch's <c>nn.ModuleDict</c>: the key names the child, so
/// its parameters are "key.weight". Keys follow PyTorch's rule for module names: not empty and without '.', which
/// would make a parameter's dotted path ambiguous. It has no forward of its own.</summary>
public sealed class ModuleDict<TModule> : ModuleBase, IReadOnlyDictionary<string, TModule> where TModule : ModuleBase
{
    private readonly List<(string Key, TModule Module)> _items = [];

    /// <summary>A dict holding <paramref name="items"/> in order, as if each were passed to <see cref="Add"/>.</summary>
    /// <exception cref="ArgumentException">a key or module <see cref="Add"/> refuses.</exception>
    public ModuleDict(IEnumerable<KeyValuePair<string, TModule>>? items = null)
    {
        foreach (var (key, module) in items ?? []) Add(key, module);
    }

    /// <summary>Number of modules held.</summary>
    public int Count => _items.Count;

    /// <summary>The module named <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">no module has that name.</exception>
    public TModule this[string key] => TryGetValue(key, out var module) ? module : throw new KeyNotFoundException($"the module dict has no module '{key}'");

    /// <summary>The names, in insertion order.</summary>
    public IEnumerable<string> Keys => _items.Select(i => i.Key);

    /// <summary>The modules, in insertion order.</summary>
    public IEnumerable<TModule> Values => _items.Select(i => i.Module);

    /// <summary>Adds <paramref name="module"/> under <paramref name="key"/>; the dict owns it from now on.</summary>
    /// <exception cref="ArgumentException">an empty key, a key with '.', a key already used, or a module already held.</exception>
    public void Add(string key, TModule module)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(module);
        if (key.Contains('.')) throw new ArgumentException($"module name '{key}' must not contain '.', which separates the parts of a parameter's name", nameof(key));
        if (ContainsKey(key)) throw new ArgumentException($"the module dict already holds a module named '{key}'", nameof(key));
        if (_items.Any(i => ReferenceEquals(i.Module, module))) throw new ArgumentException($"this {module.GetType().Name} is already in the module dict as '{_items.First(i => ReferenceEquals(i.Module, module)).Key}'", nameof(module));
        _items.Add((key, module));
    }

    /// <summary>True when a module is named <paramref name="key"/> (a linear search: dicts of modules are small).</summary>
    public bool ContainsKey(string key) => _items.Any(i => i.Key == key);

    /// <summary>The module named <paramref name="key"/> in <paramref name="value"/>, or false when there is none.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TModule value)
    {
        foreach (var (k, m) in _items)
        {
            if (k != key) continue;
            value = m;
            return true;
        }
        value = null;
        return false;
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => _items.Select(i => (i.Key, (ModuleBase)i.Module));

    /// <summary>The (name, module) pairs in insertion order.</summary>
    public IEnumerator<KeyValuePair<string, TModule>> GetEnumerator() => _items.Select(i => KeyValuePair.Create(i.Key, i.Module)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
