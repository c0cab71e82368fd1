using FsCheck;
using FsCheck.Fluent;
using Grimoire.Autograd;
using Grimoire.Language.Checkpoints;
using Grimoire.Language.Generation;
using Grimoire.Nn.Checkpoints;
using Grimoire.Tests.Support;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Tests.Language;

/// <summary>Saved models come back with the same logits and tokeniser; damaged files are a typed error; the sampler keeps
/// to its top-k and top-p sets, is greedy at temperature 0 and repeatable by seed.</summary>
public sealed class CheckpointAndSamplingTests
{
    private string _dir = "";

    [OneTimeSetUp]
    public void MakeDirectory() => _dir = Directory.CreateTempSubdirectory("grimoire-lm-").FullName;

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    [TestCase("bigram")]
    [TestCase("mlp")]
    [TestCase("lstm")]
    [TestCase("gru")]
    [TestCase("transformer")]
    public void ASavedModelLoadsWithTheSameLogitsAndTokenizer(string kind)
    {
        var tokenizer = CharTokenizer.FromText("abc de\nfé");
        using var model = LanguageModelContractTests.Make(kind, tokenizer.VocabularySize, seed: 5);
        var path = Path.Combine(_dir, $"{kind}.ckpt");
        LanguageModelFile.Save(path, model, tokenizer);
        var (loaded, loadedTokenizer) = LanguageModelFile.Load(path);
        using (loaded)
        {
            Assert.That(loaded.Config, Is.EqualTo(model.Config));
            Assert.That(loadedTokenizer.Decode(loadedTokenizer.Encode("fé de\nabc")), Is.EqualTo("fé de\nabc"));
            Assert.That(loadedTokenizer.Encode("fé"), Is.EqualTo(tokenizer.Encode("fé")));
            using var scope = new TensorScope();
            using var noGrad = GradMode.NoGrad();
            var ids = Tensor.FromArray(tokenizer.Encode("abc dé"), new Shape(1, 6));
            Assert.That(loaded.Forward(ids).Logits.Contiguous().ToArray<float>(), Is.EqualTo(model.Forward(ids).Logits.Contiguous().ToArray<float>()));
        }
    }

    [Test]
    public void DamagedOrForeignFilesAreATypedError()
    {
        var tokenizer = CharTokenizer.FromText("abcdefg");
        using var model = LanguageModelContractTests.Make("lstm", tokenizer.VocabularySize);
        var good = Path.Combine(_dir, "good.ckpt");
        LanguageModelFile.Save(good, model, tokenizer);
        var bytes = File.ReadAllBytes(good);
        var truncated = Path.Combine(_dir, "truncated.ckpt");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var garbage = Path.Combine(_dir, "garbage.ckpt");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 37))]);
        var plain = Path.Combine(_dir, "plain.ckpt");
        Checkpoint.Save(plain, model);
        foreach (var path in new[] { truncated, garbage, plain, Path.Combine(_dir, "missing.ckpt") })
            Assert.Throws<CheckpointException>(() => LanguageModelFile.Load(path), path);
        Assert.Throws<ArgumentException>(() => LanguageModelFile.Save(Path.Combine(_dir, "x.ckpt"), model, CharTokenizer.FromText("ab")), "a tokenizer of another size");
    }

    [Test]
    public void SamplesStayInTheTopKAndTopPSets()
    {
        var gen = Gens.Zip3(Gen.Choose(2, 40), Gen.Choose(0, 10_000), Gen.Zip(Gen.Choose(1, 6), Gen.Choose(1, 100)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(gen), p =>
        {
            var (n, seed, (k, percent)) = p;
            var rng = new Rng((ulong)seed);
            var logits = Enumerable.Range(0, n).Select(_ => (float)(rng.NextNormal() * 3)).ToArray();
            var byRank = Enumerable.Range(0, n).OrderByDescending(i => logits[i]).ToArray();
            var topK = new TokenSampler(new SamplingSettings(1.3, k, 1.0, (ulong)seed));
            var allowed = byRank.Take(k).ToHashSet();
            for (var draw = 0; draw < 20; draw++) Assert.That(allowed, Does.Contain(topK.Next(logits)));
            // The nucleus: the smallest prefix (by probability) whose mass reaches p.
            var nucleusMass = percent / 100.0;
            var probabilities = Softmax(logits);
            var (mass, nucleus) = (0.0, new HashSet<int>());
            foreach (var i in byRank)
            {
                if (nucleus.Count > 0 && mass >= nucleusMass + 1e-9) break;
                nucleus.Add(i);
                mass += probabilities[i];
            }
            var topP = new TokenSampler(new SamplingSettings(1.0, 0, nucleusMass, (ulong)seed));
            for (var draw = 0; draw < 20; draw++) Assert.That(nucleus, Does.Contain(topP.Next(logits)));
            Assert.That(new TokenSampler(new SamplingSettings(0, 0, 1, (ulong)seed)).Next(logits), Is.EqualTo(byRank[0]), "temperature 0 is greedy");
        }));
    }

    [Test]
    public void SamplingIsRepeatableBySeedAndFollowsTheDistribution()
    {
        float[] logits = [0f, MathF.Log(3f), -50f];
        int[] Draw(ulong seed) { var s = new TokenSampler(new SamplingSettings(Seed: seed)); return [.. Enumerable.Range(0, 4000).Select(_ => s.Next(logits))]; }
        var draws = Draw(9);
        Assert.That(Draw(9), Is.EqualTo(draws));
        Assert.That(Draw(10), Is.Not.EqualTo(draws));
        Assert.That(draws.Count(d => d == 1) / 4000.0, Is.EqualTo(0.75).Within(0.03), "p(1) = 3/4");
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenSampler(new SamplingSettings(TopP: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenSampler(new SamplingSettings(Temperature: -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenSampler(new SamplingSettings(TopK: -1)));
    }

    private static double[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var e = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = e.Sum();
        return [.. e.Select(v => v / sum)];
    }
}
