namespace Grimoire.Ml.Models;

/// <summary>A thread-safe list of entries with unique names, in the order they joined: the storage behind the
/// catalogues that applications extend at run time (language models, RL algorithms).</summary>
/// <typeparam name="T">the entry type.</typeparam>
public sealed class NamedCatalogue<T> where T : class
{
    private readonly Lock _lock = new();
    private readonly List<T> _entries;
    private readonly Func<T, string> _name;
    private readonly string _kind, _plural;

    /// <param name="kind">what an entry is, for messages ("language model").</param>
    /// <param name="plural">the word listing them in messages ("models").</param>
    /// <param name="name">an entry's name.</param>
    /// <param name="builtIn">the entries present from the start.</param>
    public NamedCatalogue(string kind, string plural, Func<T, string> name, IEnumerable<T> builtIn)
    {
        (_kind, _plural, _name) = (kind, plural, name);
        _entries = [];
        foreach (var entry in builtIn) Add(entry);
    }

    /// <summary>A snapshot of the entries, built-in first.</summary>
    public IReadOnlyList<T> All
    {
        get
        {
            lock (_lock) return [.. _entries];
        }
    }

    /// <summary>Adds an entry.</summary>
    /// <exception cref="InvalidOperationException">its name is taken.</exception>
    public void Add(T entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            if (_entries.Any(e => _name(e) == _name(entry))) throw new InvalidOperationException($"a {_kind} named '{_name(entry)}' is already in the catalogue");
            _entries.Add(entry);
        }
    }

    /// <summary>The entry called <paramref name="name"/>, or null.</summary>
    public T? Named(string name) => All.FirstOrDefault(e => _name(e) == name);

    /// <summary>The entry called <paramref name="name"/>.</summary>
    /// <exception cref="ModelException">no entry has that name; the message lists those that exist.</exception>
    public T Find(string name) =>
        Named(name) ?? throw new ModelException($"unknown {_kind} '{name}'; {_plural}: {string.Join(", ", All.Select(_name))}");
}
