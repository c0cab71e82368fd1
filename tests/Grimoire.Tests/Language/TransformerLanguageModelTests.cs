using Grimoire.Autograd;
using Grimoire.Language;
using Grimoire.Language.Catalogue;
using Grimoire.Language.Checkpoints;
using Grimoire.Language.Generation;
using Grimoire.Language.Models;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Tests.Language;

/// <summary>The transformer language model: generation with the key/value cache gives exactly the text generation without
/// it gives, inside the context and past it; the cache is what continues a state while the sequence fits; learned
/// positions survive a checkpoint.</summary>
public sealed class TransformerLanguageModelTests
{
    private static readonly CharTokenizer Tokenizer = CharTokenizer.FromText("abcdefgh \n");

    private static TransformerModel Make(int context, string positions = LanguageModelConfig.SinusoidalPositions) =>
        (TransformerModel)LanguageModelCatalogue.Model("transformer").Create(
            new LanguageModelConfig("transformer", Tokenizer.VocabularySize, context, 2, 2, 16) { Positions = positions }, new Rng(9));

    [TestCase(12, 9, 0.0)]
    [TestCase(12, 30, 1.0)]
    [TestCase(6, 25, 0.8)]
    public void GenerationWithTheCacheEqualsGenerationWithout(int context, int tokens, double temperature)
    {
        using var model = Make(context);
        var sampling = new SamplingSettings(temperature, Seed: 4);
        model.UseCache = true;
        var cached = TextGenerator.Generate(model, Tokenizer, "ab c", tokens, sampling);
        model.UseCache = false;
        var plain = TextGenerator.Generate(model, Tokenizer, "ab c", tokens, sampling);
        Assert.That(cached, Has.Length.EqualTo(tokens));
        Assert.That(cached, Is.EqualTo(plain), $"context {context}, {tokens} tokens");
    }

    [Test]
    public void AStateContinuesThroughTheCacheWhileTheSequenceFitsTheContext()
    {
        using var model = Make(5);
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var (_, s1) = model.Forward(Tensor.FromArray(new[] { 1, 2, 3 }, new Shape(1, 3)));
        var (_, s2) = model.Forward(Tensor.FromArray(new[] { 4 }, new Shape(1, 1)), s1);
        var state = (TransformerDecodingState)s2!;
        Assert.That(state.Cache!.Length, Is.EqualTo(4));
        Assert.That(state.Overflowed, Is.False);
        var (_, s3) = model.Forward(Tensor.FromArray(new[] { 5, 6 }, new Shape(1, 2)), s2);
        var past = (TransformerDecodingState)s3!;
        Assert.That(past.Overflowed, Is.True, "6 tokens outgrow a context of 5");
        Assert.That(past.Cache, Is.Null);
        Assert.That(past.Tokens[0], Is.EqualTo(new[] { 2, 3, 4, 5, 6 }), "the last window is kept");
    }

    [Test]
    public void LearnedPositionsSurviveACheckpoint()
    {
        using var model = Make(8, LanguageModelConfig.LearnedPositions);
        var path = Path.Combine(Path.GetTempPath(), $"grimoire-transformer-{Guid.NewGuid():N}.ckpt");
        try
        {
            LanguageModelFile.Save(path, model, Tokenizer);
            var (loaded, _) = LanguageModelFile.Load(path);
            using (loaded)
            {
                Assert.That(loaded.Config.Positions, Is.EqualTo(LanguageModelConfig.LearnedPositions));
                Assert.That(loaded.NamedParameters().Select(p => p.Name), Does.Contain("transformer.wpe.weight"));
                using var scope = new TensorScope();
                using var noGrad = GradMode.NoGrad();
                var ids = Tensor.FromArray(new[] { 1, 4, 2, 7 }, new Shape(1, 4));
                Assert.That(loaded.Forward(ids).Logits.Contiguous().ToArray<float>(), Is.EqualTo(model.Forward(ids).Logits.Contiguous().ToArray<float>()));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
