using Grimoire.Text;
using Grimoire.Text.Embeddings;

namespace Grimoire.Tests.Text.Embeddings;

/// <summary>Every trainer learns a corpus of known structure (words of one group share contexts), single-thread runs
/// are reproducible to the bit, and Hogwild runs on two threads still learn it.</summary>
public sealed class EmbeddingTrainingTests
{
    private static readonly GroupedCorpus Corpus = new();

    private static IEnumerable<TestCaseData> Trainers()
    {
        yield return new TestCaseData((Func<int, int, EmbeddingTrainingResult>)((seed, threads) =>
            Word2Vec.Train(Corpus.Text, new Word2VecSettings { Dimension = 20, Epochs = 5, MinCount = 1, SubSample = 0, Seed = seed, Threads = threads }))).SetArgDisplayNames("skipgram");
        yield return new TestCaseData((Func<int, int, EmbeddingTrainingResult>)((seed, threads) =>
            Word2Vec.Train(Corpus.Text, new Word2VecSettings { Architecture = Word2VecArchitecture.Cbow, LearningRate = 0.05, Dimension = 20, Epochs = 5, MinCount = 1, SubSample = 0, Seed = seed, Threads = threads }))).SetArgDisplayNames("cbow");
        yield return new TestCaseData((Func<int, int, EmbeddingTrainingResult>)((seed, threads) =>
            Glove.Train(Corpus.Text, new GloveSettings { Dimension = 20, Epochs = 30, Window = 5, MinCount = 1, Seed = seed, Threads = threads }))).SetArgDisplayNames("glove");
        yield return new TestCaseData((Func<int, int, EmbeddingTrainingResult>)((seed, threads) =>
            FastText.Train(Corpus.Text, new FastTextSettings { Dimension = 20, Epochs = 5, MinCount = 1, SubSample = 0, Buckets = 5_000, Seed = seed, Threads = threads }))).SetArgDisplayNames("fasttext");
    }

    [TestCaseSource(nameof(Trainers))]
    public void SameGroupWordsAreNearerThanOtherGroupWords(Func<int, int, EmbeddingTrainingResult> train)
    {
        var model = train(3, 1).Model;
        AssertGroupsLearned(model);
    }

    [TestCaseSource(nameof(Trainers))]
    public void OneThreadRunsAreBitReproducibleAndSeedsMatter(Func<int, int, EmbeddingTrainingResult> train)
    {
        var (a, b, other) = (train(5, 1).Model, train(5, 1).Model, train(6, 1).Model);
        Assert.That(a.Words, Is.EqualTo(b.Words));
        Assert.That(a.Vectors.ToArray(), Is.EqualTo(b.Vectors.ToArray()));
        Assert.That(other.Vectors.ToArray(), Is.Not.EqualTo(a.Vectors.ToArray()));
    }

    [TestCaseSource(nameof(Trainers))]
    public void HogwildOnTwoThreadsStillLearnsTheGroups(Func<int, int, EmbeddingTrainingResult> train)
    {
        var result = train(3, 2);
        Assert.That(result.Report.Threads, Is.EqualTo(2));
        Assert.That(result.Report.CorpusWords, Is.EqualTo(4_000));
        AssertGroupsLearned(result.Model);
    }

    [Test]
    public void GloveLossFallsOverEpochs()
    {
        double LossAfter(int epochs) => Glove.Train(Corpus.Text, new GloveSettings { Dimension = 10, Epochs = epochs, Window = 5, MinCount = 1 }).Report.Loss;
        var losses = new[] { 1, 3, 10, 30 }.Select(LossAfter).ToArray();
        Assert.That(losses, Is.Ordered.Descending);
        Assert.That(losses[^1], Is.LessThan(losses[0] / 4));
    }

    [Test]
    public void TooLittleTextOrBadSettingsAreRefused()
    {
        Assert.That(Assert.Throws<TextDataException>(() => Word2Vec.Train("one one one", new Word2VecSettings { MinCount = 1 }))!.Message, Does.Contain("at least 2"));
        Assert.That(Assert.Throws<Grimoire.Ml.ModelException>(() => Word2Vec.Train(Corpus.Text, new Word2VecSettings { Dimension = 0 }))!.Message, Does.Contain("dim"));
        Assert.That(Assert.Throws<Grimoire.Ml.ModelException>(() => FastText.Train(Corpus.Text, new FastTextSettings { MinN = 5, MaxN = 4 }))!.Message, Does.Contain("maxn"));
    }

    /// <summary>Every word's mean cosine to its own group beats its mean cosine to the others by a margin, and its
    /// nearest neighbour is in its group.</summary>
    private static void AssertGroupsLearned(EmbeddingModel model)
    {
        Assert.That(model.Words, Has.Count.EqualTo(24));
        foreach (var word in model.Words)
        {
            var group = Corpus.GroupOf(word);
            var others = model.Words.Where(w => w != word).ToArray();
            var same = others.Where(w => Corpus.GroupOf(w) == group).Average(w => model.Similarity(word, w));
            var different = others.Where(w => Corpus.GroupOf(w) != group).Average(w => model.Similarity(word, w));
            Assert.That(same, Is.GreaterThan(different + 0.2), $"'{word}': same group {same:F3}, other groups {different:F3}");
            Assert.That(Corpus.GroupOf(model.Nearest(word, 1)[0].Word), Is.EqualTo(group), word);
        }
    }
}
