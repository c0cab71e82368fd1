namespace Grimoire.Language.Catalogue;

/// <summary>A catalogue entry from its parts, for the built-in kinds and for applications that add one.</summary>
/// <param name="Name">The CLI name.</param>
/// <param name="BookSection">The book section.</param>
/// <param name="Summary">One line for listings.</param>
/// <param name="Defaults">What a run uses when the caller does not say.</param>
/// <param name="Window">The training window for a config.</param>
/// <param name="Factory">Builds a model.</param>
public sealed record LanguageModelPlugin(string Name, string BookSection, string Summary, LanguageModelDefaults Defaults,
    Func<LanguageModelConfig, int> Window, Func<LanguageModelConfig, Rng, LanguageModel> Factory) : ILanguageModelPlugin
{
    /// <inheritdoc/>
    public int TrainingWindow(LanguageModelConfig config) => Window(config);

    /// <inheritdoc/>
    public LanguageModel Create(LanguageModelConfig config, Rng rng) => Factory(config, rng);
}
