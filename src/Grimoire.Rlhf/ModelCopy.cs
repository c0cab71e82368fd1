using Grimoire.Language;
using Grimoire.Language.Catalogue;
using Grimoire.Rl.ValueBased;

namespace Grimoire.Rlhf;

/// <summary>Independent copies of a language model (the PPO policy, its frozen reference, the value and reward trunks all
/// start as the pretrained model): built from the same catalogue kind and hyper-parameters, weights copied.</summary>
public static class ModelCopy
{
    /// <summary>A new model with <paramref name="model"/>'s kind, hyper-parameters and weights; the caller owns it.</summary>
    public static LanguageModel Of(LanguageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var copy = LanguageModelCatalogue.Model(model.Config.Kind).Create(model.Config, new Rng(0));
        Polyak.Update(copy, model, tau: 1); // τ = 1: a hard copy
        return copy;
    }
}
