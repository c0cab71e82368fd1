using Grimoire.Language.Checkpoints;
using Grimoire.Language.Tasks;
using Grimoire.Ml;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Tests.Language;

/// <summary>The §34 tasks: the generated data is consistent and seeded, BIO tags decode back to the entities, the
/// pretraining text holds no labels, and each task fine-tunes (scratch and pretrained) to a metric in [0, 1].</summary>
public sealed class TaskTests
{
    [Test]
    public void GeneratedExamplesAreConsistentAndSeeded()
    {
        Assert.That(TaskGenerators.Sentiment(50, 3), Is.EqualTo(TaskGenerators.Sentiment(50, 3)));
        Assert.That(TaskGenerators.Sentiment(50, 3), Is.Not.EqualTo(TaskGenerators.Sentiment(50, 4)));
        foreach (var s in TaskGenerators.Sentiment(300, 1))
        {
            var decisive = s.Text.Contains(" but ") ? s.Text[(s.Text.IndexOf(" but ", StringComparison.Ordinal) + 5)..] : s.Text;
            var positive = TaskLexiconWords(decisive, positiveList: true);
            var negated = decisive.Contains(" not ");
            Assert.That(s.Label, Is.EqualTo(positive ^ negated ? 1 : 0), s.Text);
        }
        foreach (var t in TaskGenerators.Entities(300, 2))
        {
            Assert.That(EntityTask.Decode(EntityTask.Tags(t)), Is.EqualTo(t.Entities), t.Text);
            foreach (var e in t.Entities) Assert.That(char.IsUpper(t.Text[e.Start]), t.Text);
        }
        foreach (var q in TaskGenerators.Questions(300, 5))
        {
            Assert.That(q.Answer, Has.Length.GreaterThan(0));
            var person = q.Question.Split(' ')[2].TrimEnd('?');
            Assert.That(q.Passage, Does.Contain(person + " "), "the question asks about someone in the passage");
            var sentence = q.Passage[..q.End];
            Assert.That(sentence[(sentence.LastIndexOf(". ", StringComparison.Ordinal) + 1)..], Does.Contain(person), "the answer is in the sentence about that person");
        }
        var text = TaskGenerators.PretrainingText(5000, 0);
        Assert.That(text.Length, Is.InRange(5000, 5300));
        Assert.That(text, Does.Not.Contain("? "), "questions end their line: no answers follow");
    }

    private static bool TaskLexiconWords(string clause, bool positiveList)
    {
        var words = clause.TrimEnd('.').Split(' ');
        return words.Any(w => (positiveList ? TaskLexicon.Positive : TaskLexicon.Negative).Contains(w));
    }

    [TestCase("sentiment")]
    [TestCase("ner")]
    [TestCase("qa")]
    public void EachTaskFineTunesFromScratchAndFromAPretrainedModel(string task)
    {
        var scratch = new NlpTaskRequest(task) { TrainExamples = 24, TestExamples = 20, Epochs = 1, Batch = 8, ScratchShape = (1, 8) }.Run();
        Assert.That(scratch.Value, Is.InRange(0.0, 1.0));
        Assert.That((scratch.Init, scratch.TestExamples), Is.EqualTo(("scratch", 20)));

        var dir = Directory.CreateTempSubdirectory("grimoire-nlp-").FullName;
        try
        {
            var tokenizer = CharTokenizer.FromText(TaskGenerators.PretrainingText(20_000, 0));
            var path = Path.Combine(dir, "pre.ckpt");
            using (var model = LanguageModelContractTests.Make("gru", tokenizer.VocabularySize)) LanguageModelFile.Save(path, model, tokenizer);
            var pretrained = new NlpTaskRequest(task) { PretrainedPath = path, TrainExamples = 16, TestExamples = 10, Epochs = 1, Batch = 8 }.Run();
            Assert.That((pretrained.Init, pretrained.Metric), Is.EqualTo(("pretrained", scratch.Metric)));
            var bigram = Path.Combine(dir, "bigram.ckpt");
            using (var model = LanguageModelContractTests.Make("bigram", tokenizer.VocabularySize)) LanguageModelFile.Save(bigram, model, tokenizer);
            Assert.Throws<ModelException>(() => new NlpTaskRequest(task) { PretrainedPath = bigram }.Run());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void UnknownTasksAndBadCountsAreRefused()
    {
        Assert.Throws<ModelException>(() => new NlpTaskRequest("parsing").Run());
        Assert.Throws<ArgumentOutOfRangeException>(() => new NlpTaskRequest("qa") { Epochs = 0 }.Run());
    }
}
