using Grimoire.Language;
using Grimoire.Language.Catalogue;
using Grimoire.Rlhf.Dpo;
using Grimoire.Rlhf.Preferences;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Tests.Rlhf;

/// <summary>DPO: its loss by hand, and on a tiny model the policy moves towards the chosen completions while the
/// reference never changes.</summary>
public sealed class DpoTests
{
    [Test]
    public void LossIsBradleyTerryOnTheImplicitRewards()
    {
        using var scope = new TensorScope();
        var loss = DpoTrainer.Loss(Tensor.FromArray(new[] { -3.0 }), Tensor.FromArray(new[] { -4.0 }), Tensor.FromArray(new[] { -3.5 }), Tensor.FromArray(new[] { -3.0 }), beta: 0.5).Item();
        var margin = 0.5 * ((-3.0 - -3.5) - (-4.0 - -3.0)); // 0.75
        Assert.That(loss, Is.EqualTo(Math.Log(1 + Math.Exp(-margin))).Within(1e-12));
    }

    [Test]
    public void ThePolicyLearnsThePreferenceAndTheReferenceNeverMoves()
    {
        using var scope = new TensorScope();
        const string text = "to be or not to be\n";
        var tokenizer = CharTokenizer.FromText(text);
        using var pretrained = LanguageModelCatalogue.Model("lstm").Create(new LanguageModelConfig("lstm", tokenizer.VocabularySize, 8, 1, 1, 8), new Rng(1));
        using var trainer = new DpoTrainer(pretrained);
        var original = Weights(trainer.Reference);
        PreferencePair[] pairs = [new("to ", "be", "or"), new("no", "t to", "b be")];
        double Margin()
        {
            using var inner = new TensorScope();
            using var noGrad = Grimoire.Autograd.GradMode.NoGrad();
            var chosen = DpoTrainer.SequenceLogProbs(trainer.Policy, [.. pairs.Select(p => (tokenizer.Encode(p.Prompt), tokenizer.Encode(p.Chosen)))]).ToArray<float>();
            var rejected = DpoTrainer.SequenceLogProbs(trainer.Policy, [.. pairs.Select(p => (tokenizer.Encode(p.Prompt), tokenizer.Encode(p.Rejected)))]).ToArray<float>();
            return chosen.Zip(rejected, (c, r) => c - r).Average();
        }
        var before = Margin();
        trainer.Train(tokenizer, pairs, steps: 20, batch: 2, beta: 0.5, learningRate: 1e-2);
        Assert.That(Margin(), Is.GreaterThan(before), "the chosen completions gain probability over the rejected ones");
        Assert.That(Weights(trainer.Reference), Is.EqualTo(original));
        Assert.That(Weights(pretrained), Is.EqualTo(original));
    }

    private static float[] Weights(LanguageModel model) => [.. model.Parameters().SelectMany(p => p.Value.ToArray<float>())];
}
