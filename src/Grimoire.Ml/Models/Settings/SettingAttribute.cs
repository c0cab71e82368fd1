namespace Grimoire.Ml.Models.Settings;

/// <summary>Marks an estimator property as a model setting with its scikit-learn name, or names an enum value as the
/// setting's text (<c>"k-means++"</c>). The property's type, its initial value and these fields are the one
/// description that <see cref="SettingInfo"/> reads for the `--set` parser, the checks, the CLI listing and the
/// JSON schema.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SettingAttribute(string name) : Attribute
{
    /// <summary>The scikit-learn name `--set` takes ("alpha"), or an enum value's text ("k-means++").</summary>
    public string Name { get; } = name;

    /// <summary>One line for listings and the schema's description.</summary>
    public string Doc { get; set; } = "";

    /// <summary>The smallest value allowed (inclusive unless <see cref="ExclusiveMinimum"/>); none by default.</summary>
    public double Minimum { get; set; } = double.NegativeInfinity;

    /// <summary>The largest value allowed (inclusive); none by default.</summary>
    public double Maximum { get; set; } = double.PositiveInfinity;

    /// <summary>The value must be strictly greater than <see cref="Minimum"/>.</summary>
    public bool ExclusiveMinimum { get; set; }

    /// <summary>"key=value": the setting applies only when another setting has that value (e.g. "solver=gd").</summary>
    public string? OnlyWith { get; set; }
}
