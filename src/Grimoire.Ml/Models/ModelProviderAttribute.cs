namespace Grimoire.Ml.Models;

/// <summary>Declares, on an assembly, a type whose <see cref="IModelProvider.Models"/> join the
/// <see cref="ModelCatalogue"/> when the assembly is loaded by name, added with <see cref="ModelCatalogue.AddFrom"/> or
/// found in a plugin folder.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ModelProviderAttribute(Type providerType) : Attribute
{
    /// <summary>An <see cref="IModelProvider"/> with a public parameterless constructor.</summary>
    public Type ProviderType { get; } = providerType;
}

/// <summary>A set of models an assembly contributes to the catalogue.</summary>
public interface IModelProvider
{
    /// <summary>The models, in the order listings show them.</summary>
    IEnumerable<IModelPlugin> Models { get; }
}
