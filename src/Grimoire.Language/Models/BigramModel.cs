using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Language.Models;

/// <summary>The bigram model of book §31: one learned row of next-token logits per token, so the prediction at t sees
/// token t only (the count table of §31, learned by gradient descent; its best NLL equals the smoothed counts').</summary>
public sealed class BigramModel : LanguageModel
{
    private readonly Embedding _table;

    /// <summary>A [vocabulary, vocabulary] logit table drawn from N(0, 1) with <paramref name="rng"/>.</summary>
    public BigramModel(LanguageModelConfig config, Rng? rng = null) : base(config.Validate()) =>
        _table = new Embedding(config.Vocabulary, config.Vocabulary, rng);

    /// <inheritdoc/>
    public override bool CarriesState => false;

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("logits", _table)];

    /// <inheritdoc/>
    public override (Tensor Logits, DecodingState? State) Forward(Tensor ids, DecodingState? state = null)
    {
        CheckIds(ids);
        StateAs<ContextState>(state);
        return (_table.Forward(ids), null);
    }
}
