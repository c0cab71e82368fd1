using Grimoire.Language;
using Grimoire.Language.Catalogue;
using Grimoire.Language.Generation;
using Grimoire.Language.Training;
using Grimoire.Text;

namespace Grimoire.Tests.Language;

/// <summary>Training lowers the loss well below the uniform guess on a learnable text, for a stream-trained (recurrent)
/// and a window-trained (feed-forward) model; generation is seeded, stops on its token and continues a learned pattern.</summary>
public sealed class TrainingAndGenerationTests
{
    // A strictly periodic text: a model that learns it predicts every next character.
    private static readonly string Text = string.Concat(Enumerable.Repeat("abcdefgh\n", 120));

    [TestCase("lstm", 40, 0.01)]
    [TestCase("mlp", 60, 0.01)]
    public void TrainingLearnsAPeriodicText(string kind, int steps, double learningRate)
    {
        var corpus = LanguageCorpus.FromText(Text);
        var plugin = LanguageModelCatalogue.Model(kind);
        using var model = plugin.Create(new LanguageModelConfig(kind, corpus.Tokenizer.VocabularySize, 4, 1, 1, 16), new Rng(3));
        var progress = new StringWriter();
        var result = LanguageModelTrainer.Train(model, corpus, new LanguageTrainSettings(steps, 4, 12, learningRate, 1) { LogEvery = 10 }, progress);
        var uniform = Math.Log(corpus.Tokenizer.VocabularySize);
        Assert.That(result.ValidationLoss, Is.LessThan(0.25 * uniform), progress.ToString());
        Assert.That(result.TrainLoss, Is.LessThan(0.5 * uniform));
        Assert.That(progress.ToString(), Does.Contain("tokens/s").And.Contain($"step {steps}/{steps}"));
        Assert.That(result.Tokens, Is.InRange((long)steps * 4 * 9, (long)steps * 4 * 12), "a stream's last window may be shorter");

        var greedy = TextGenerator.Generate(model, corpus.Tokenizer, "abc", 12, new SamplingSettings(Temperature: 0));
        Assert.That(greedy, Is.EqualTo("defgh\nabcdef"));
        var newline = corpus.Tokenizer.Encode("\n")[0];
        Assert.That(TextGenerator.Generate(model, corpus.Tokenizer, "ab", 50, new SamplingSettings(Temperature: 0), newline), Is.EqualTo("cdefgh\n"));
        var sampled = TextGenerator.Generate(model, corpus.Tokenizer, "", 30, new SamplingSettings(0.8, 3, 0.9, 7));
        Assert.That(TextGenerator.Generate(model, corpus.Tokenizer, "", 30, new SamplingSettings(0.8, 3, 0.9, 7)), Is.EqualTo(sampled));
    }

    [Test]
    public void ABpeCorpusEncodesBothPartsAndDecodesBack()
    {
        var text = string.Concat(Enumerable.Repeat("the cat sat on the mat, the dog sat on the log. ", 40)) + "ünïcödé tail";
        var corpus = LanguageCorpus.FromText(text, "bpe:300");
        Assert.That(corpus.Tokenizer.Kind, Is.EqualTo("bpe"));
        Assert.That(corpus.Tokenizer.VocabularySize, Is.InRange(257, 300));
        Assert.That(corpus.Tokenizer.Decode(corpus.Train) + corpus.Tokenizer.Decode(corpus.Validation), Is.EqualTo(text));
        Assert.That(corpus.Train.Length, Is.LessThan(text.Length * 0.9), "merges shorten the text");
    }

    [Test]
    public void AContextLongerThanTheDataIsATextDataError()
    {
        var corpus = LanguageCorpus.FromText("abcabcabcabcabcabcabcabc");
        using var model = LanguageModelContractTests.Make("lstm", corpus.Tokenizer.VocabularySize);
        Assert.Throws<TextDataException>(() => LanguageModelTrainer.Train(model, corpus, new LanguageTrainSettings(1, 1, 100, 1e-3)));
        Assert.Throws<TextDataException>(() => LanguageModelTrainer.Train(model, corpus, new LanguageTrainSettings(1, 8, 8, 1e-3)), "too few rows");
        Assert.Throws<ArgumentException>(() => LanguageCorpus.FromText("abcabc", "bpe:100"), "fewer ids than the 256 bytes");
        Assert.Throws<ArgumentException>(() => LanguageCorpus.FromText("abcabc", "bpe:x"));
        Assert.Throws<ArgumentException>(() => LanguageCorpus.FromText("abcabc", "nope"));
    }
}
