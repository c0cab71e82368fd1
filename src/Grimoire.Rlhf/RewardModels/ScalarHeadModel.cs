using Grimoire.Language;
using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Rlhf.RewardModels;

/// <summary>A language model with a scalar head (book §35.2's reward model, and PPO's value function): the trunk reads
/// the ids and a linear layer maps its output at each position to one number. The language-model contract exposes the
/// next-token logits, not hidden states, so the head reads the logits: an affine map of the last hidden layer, hence a
/// linear head on it in a restricted form, and available for every kind in the catalogue.</summary>
public sealed class ScalarHeadModel : ModuleBase
{
    private readonly Linear _head;

    /// <summary>Takes ownership of <paramref name="trunk"/> and puts a fresh head on it.</summary>
    public ScalarHeadModel(LanguageModel trunk, Rng? rng = null)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        Trunk = trunk;
        _head = new Linear(trunk.VocabularySize, 1, rng: rng);
    }

    /// <summary>The language model under the head.</summary>
    public LanguageModel Trunk { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, ModuleBase Module)> Children => [("trunk", Trunk), ("head", _head)];

    /// <summary>One scalar per position, [batch, T], for ids [batch, T]: position t has read ids ≤ t.</summary>
    public Tensor Forward(Tensor ids)
    {
        var (logits, _) = Trunk.Forward(ids);
        return _head.Forward(logits).Reshape(ids.Shape[0], ids.Shape[1]);
    }

    /// <summary>The reward of each row's completion, [batch]: the mean of the scalars at the completion's positions (the
    /// last <paramref name="completionTokens"/> of the row), so every generated token contributes.</summary>
    public Tensor Reward(Tensor ids, int completionTokens)
    {
        var steps = ids.Shape[1];
        if (completionTokens < 1 || completionTokens >= steps)
            throw new ArgumentOutOfRangeException(nameof(completionTokens), $"a completion of rows of {steps} ids needs between 1 and {steps - 1} tokens (the prompt needs one), got {completionTokens}");
        return Forward(ids).Slice(1, steps - completionTokens, steps).Mean(1);
    }
}
