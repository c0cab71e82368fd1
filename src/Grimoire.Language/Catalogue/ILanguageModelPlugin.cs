namespace Grimoire.Language.Catalogue;

/// <summary>A kind of language model in the catalogue (`grimoire lm models`): its name, the book section it implements,
/// its defaults and how it is built. The transformer and applications add theirs with <see cref="LanguageModelCatalogue.Add"/>.</summary>
public interface ILanguageModelPlugin
{
    /// <summary>The CLI name, e.g. "lstm".</summary>
    string Name { get; }

    /// <summary>The book section it implements.</summary>
    string BookSection { get; }

    /// <summary>One line for listings.</summary>
    string Summary { get; }

    /// <summary>What a run uses when the caller does not say.</summary>
    LanguageModelDefaults Defaults { get; }

    /// <summary>The length of the sequences a training step feeds for <paramref name="config"/> (the BPTT window of a
    /// recurrent model, the block of a transformer; longer than the fixed context of an MLP, so most positions see a full one).</summary>
    int TrainingWindow(LanguageModelConfig config);

    /// <summary>A new model of this kind with weights drawn by <paramref name="rng"/>.</summary>
    /// <exception cref="ArgumentException">hyper-parameters this kind cannot use.</exception>
    LanguageModel Create(LanguageModelConfig config, Rng rng);
}
