using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace Grimoire.Ml.Models.Settings;

/// <summary>How a setting's text is read: a finite number, an integer, true/false, or one of a fixed set of words.</summary>
public enum SettingKind
{
    /// <summary>A finite double.</summary>
    Number,

    /// <summary>An int, or "auto" when the setting is optional.</summary>
    Integer,

    /// <summary>true/false (or 1/0).</summary>
    Boolean,

    /// <summary>One of an enum's values, by its setting name.</summary>
    Choice,
}

/// <summary>One model setting, read from the estimator property that declares it (<see cref="SettingAttribute"/>):
/// scikit-learn name, property name, kind, default (the property's initial value), range or choices, and a line
/// of documentation. The `--set` parser, the typed estimators' checks, the CLI listing and the JSON schema all use
/// this description, so a name, default or range is written once, on the property.</summary>
public sealed class SettingInfo
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<SettingInfo>> Described = new();
    private readonly PropertyInfo _property;
    private readonly Type _valueType;

    private SettingInfo(PropertyInfo property, object? defaultValue)
    {
        var attribute = property.GetCustomAttribute<SettingAttribute>()!;
        _property = property;
        _valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        Optional = _valueType != property.PropertyType;
        Kind = _valueType == typeof(double) ? SettingKind.Number
            : _valueType == typeof(int) ? SettingKind.Integer
            : _valueType == typeof(bool) ? SettingKind.Boolean
            : _valueType.IsEnum ? SettingKind.Choice
            : throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: a setting must be double, int, int?, bool or an enum");
        (Name, Doc, Minimum, Maximum, ExclusiveMinimum, OnlyWith) =
            (attribute.Name, attribute.Doc, attribute.Minimum, attribute.Maximum, attribute.ExclusiveMinimum, attribute.OnlyWith);
        Choices = Kind == SettingKind.Choice ? [.. Enum.GetValues(_valueType).Cast<Enum>().Select(ChoiceName)] : [];
        Default = defaultValue;
    }

    /// <summary>The scikit-learn name used by `--set`, e.g. "alpha".</summary>
    public string Name { get; }

    /// <summary>The typed property, e.g. "Alpha".</summary>
    public string Property => _property.Name;

    /// <summary>How the text is read, from the property's type.</summary>
    public SettingKind Kind { get; }

    /// <summary>An integer that may be left unset ("auto"), its value then chosen from the other settings.</summary>
    public bool Optional { get; }

    /// <summary>The value a fresh estimator has: null for an optional setting left to "auto".</summary>
    public object? Default { get; }

    /// <summary>One line of documentation (<see cref="SettingAttribute.Doc"/>).</summary>
    public string Doc { get; }

    /// <summary>The smallest value allowed; negative infinity when unbounded.</summary>
    public double Minimum { get; }

    /// <summary>The largest value allowed; positive infinity when unbounded.</summary>
    public double Maximum { get; }

    /// <summary>Whether the value must be strictly above <see cref="Minimum"/>.</summary>
    public bool ExclusiveMinimum { get; }

    /// <summary>The words a choice accepts, in declaration order.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>"key=value" when the setting applies only with another setting at that value.</summary>
    public string? OnlyWith { get; }

    /// <summary>The settings of estimator type <paramref name="estimator"/>, base class properties first.</summary>
    public static IReadOnlyList<SettingInfo> Of(Type estimator) => Described.GetOrAdd(estimator, type =>
    {
        var defaults = Activator.CreateInstance(type)!;
        return [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.IsDefined(typeof(SettingAttribute)))
            .OrderBy(p => Depth(p.DeclaringType!)).ThenBy(p => p.MetadataToken)
            .Select(p => new SettingInfo(p, p.GetValue(defaults)))];
    });

    /// <summary>The setting's current value on <paramref name="estimator"/> (boxed; null for "auto").</summary>
    public object? Get(object estimator) => _property.GetValue(estimator);

    internal void Set(object estimator, object? value) => _property.SetValue(estimator, value);

    /// <summary>The value of <paramref name="text"/>, or a <see cref="ModelException"/> naming the setting, what it
    /// accepts and the text.</summary>
    public object? Parse(string text)
    {
        object? value = Kind switch
        {
            _ when Optional && text == "auto" => null,
            SettingKind.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : throw Malformed("must be a number"),
            SettingKind.Integer => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : throw Malformed(Optional ? "must be an integer or auto" : "must be an integer"),
            SettingKind.Boolean => text.ToLowerInvariant() switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw Malformed("must be true or false"),
            },
            _ => Enum.GetValues(_valueType).Cast<Enum>().FirstOrDefault(e => ChoiceName(e) == text) ?? throw Malformed($"must be one of {string.Join(", ", Choices)}"),
        };
        if (Problem(value) is { } problem) throw new ModelException($"setting '{Name}' {problem}, got {text}");
        return value;

        ModelException Malformed(string problem) => new($"setting '{Name}' {problem}, got '{text}'");
    }

    /// <summary>What is wrong with <paramref name="value"/> for this setting ("must be >= 0"), or null when it is valid.</summary>
    public string? Problem(object? value) => value switch
    {
        null => Optional ? null : "must be set",
        double d when !double.IsFinite(d) => "must be a finite number",
        double d when d < Minimum || d > Maximum || (ExclusiveMinimum && d == Minimum) => $"must be {RangeText}",
        int i when i < IntegerMinimum || i > IntegerMaximum => $"must be between {IntegerMinimum} and {IntegerMaximum}",
        Enum e when !Enum.IsDefined(_valueType, e) => $"must be one of {string.Join(", ", Choices)}",
        _ => null,
    };

    /// <summary>The value as `--set` would write it: invariant round-trip numbers, lower-case booleans, choice words, "auto".</summary>
    public string Format(object? value) => value switch
    {
        null => "auto",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => ChoiceName(e),
        _ => value.ToString() ?? "",
    };

    /// <summary>What the setting accepts, for listings: "&gt;= 0", "1 to 1000 or auto", "true|false", "cyclic|random".</summary>
    public string Accepted => Kind switch
    {
        SettingKind.Number => RangeText.Length == 0 ? "any number" : RangeText,
        SettingKind.Integer => (IntegerMaximum == int.MaxValue ? $">= {IntegerMinimum}" : $"{IntegerMinimum} to {IntegerMaximum}") + (Optional ? " or auto" : ""),
        SettingKind.Boolean => "true|false",
        _ => string.Join("|", Choices),
    };

    /// <summary>Whether the setting applies to <paramref name="estimator"/>: always, or when its <see cref="OnlyWith"/>
    /// setting among <paramref name="all"/> has the named value.</summary>
    internal bool AppliesTo(object estimator, IReadOnlyList<SettingInfo> all)
    {
        if (OnlyWith is null) return true;
        var (key, value) = (OnlyWith[..OnlyWith.IndexOf('=')], OnlyWith[(OnlyWith.IndexOf('=') + 1)..]);
        var other = all.First(s => s.Name == key);
        return other.Format(other.Get(estimator)) == value;
    }

    internal int IntegerMinimum => double.IsNegativeInfinity(Minimum) ? int.MinValue : (int)Minimum;

    internal int IntegerMaximum => double.IsPositiveInfinity(Maximum) ? int.MaxValue : (int)Maximum;

    private string RangeText =>
        (double.IsNegativeInfinity(Minimum) ? "" : $"{(ExclusiveMinimum ? ">" : ">=")} {Format(Minimum)}")
        + (double.IsPositiveInfinity(Maximum) ? "" : $"{(double.IsNegativeInfinity(Minimum) ? "" : " and ")}<= {Format(Maximum)}");

    private static string ChoiceName(Enum value) =>
        value.GetType().GetField(value.ToString())?.GetCustomAttribute<SettingAttribute>()?.Name ?? value.ToString().ToLowerInvariant();

    private static int Depth(Type type) => type.BaseType is null ? 0 : 1 + Depth(type.BaseType);
}
