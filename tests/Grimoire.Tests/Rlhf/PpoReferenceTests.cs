using Grimoire.Language;
using Grimoire.Language.Catalogue;
using Grimoire.Rlhf.Ppo;
using Grimoire.Rlhf.RewardModels;
using Grimoire.Rlhf.Sampling;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Tests.Rlhf;

/// <summary>PPO fine-tuning on a tiny model: the policy moves, the frozen reference and the pretrained model it was copied
/// from never do, and each round reports finite reward, KL and β.</summary>
public sealed class PpoReferenceTests
{
    private const string Text = "to be or not to be\nthat is the question\nwhether tis nobler in the mind\n";

    [Test]
    public void ThePolicyIsUpdatedAndTheReferenceNever()
    {
        using var scope = new TensorScope();
        var tokenizer = CharTokenizer.FromText(Text);
        using var pretrained = Tiny(tokenizer, seed: 1);
        using var reward = new ScalarHeadModel(Tiny(tokenizer, seed: 2), new Rng(3));
        var settings = new RlhfPpoSettings(Iterations: 2, Sequences: 4, CompletionTokens: 5, KlTarget: 1) { MiniBatch = 2, Epochs = 2 };
        using var trainer = new RlhfPpoTrainer(pretrained, reward, tokenizer, new PromptSource(Text, tokenizer, 4), settings);
        var original = Weights(pretrained);
        Assert.That(Weights(trainer.Reference), Is.EqualTo(original), "the reference starts as the pretrained model");
        var history = trainer.Train();
        Assert.That(history, Has.Count.EqualTo(2));
        Assert.That(history.All(h => double.IsFinite(h.Reward) && double.IsFinite(h.Kl) && h.Beta > 0), Is.True);
        Assert.That(Weights(trainer.Reference), Is.EqualTo(original), "the reference is never updated");
        Assert.That(Weights(pretrained), Is.EqualTo(original), "the pretrained model is left as it was");
        Assert.That(Weights(trainer.Policy), Is.Not.EqualTo(original), "the policy is updated");
    }

    private static LanguageModel Tiny(ITokenizer tokenizer, ulong seed) =>
        LanguageModelCatalogue.Model("lstm").Create(new LanguageModelConfig("lstm", tokenizer.VocabularySize, 8, 1, 1, 8), new Rng(seed));

    private static float[] Weights(LanguageModel model) => [.. model.Parameters().SelectMany(p => p.Value.ToArray<float>())];
}
