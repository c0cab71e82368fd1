using Grimoire.Text;
using Grimoire.Text.Corpora;
using Grimoire.Text.Tokenizers;
using Grimoire.Text.Tokenizers.Bpe;
using Grimoire.Text.Tokenizers.WordPiece;

namespace Grimoire.Tests.Text.Tokenizers;

/// <summary>Every tokeniser kind saved as JSON and loaded back, and damaged files refused by name.</summary>
public sealed class TokenizerFileTests
{
    private const string Text = "To be, or not to be: that is the question. Ελλάδα 日本 😀 e\u0301";
    private string _folder = "";

    [SetUp]
    public void MakeFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), $"grimoire-tok-{Guid.NewGuid():N}"));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    private static IEnumerable<TestCaseData> Tokenizers()
    {
        yield return new TestCaseData((Func<ITokenizer>)(() => CharTokenizer.FromText(Text))).SetArgDisplayNames("char");
        yield return new TestCaseData((Func<ITokenizer>)(() => WordTokenizer.Train(Text, lowercase: true))).SetArgDisplayNames("word");
        yield return new TestCaseData((Func<ITokenizer>)(() => BpeTrainer.Train(TextCorpus.Load("names"), 300))).SetArgDisplayNames("bpe");
        yield return new TestCaseData((Func<ITokenizer>)(() => WordPieceTrainer.Train(Text, 60))).SetArgDisplayNames("wordpiece");
    }

    [TestCaseSource(nameof(Tokenizers))]
    public void SavedTokenizersLoadBackWithTheSameIds(Func<ITokenizer> make)
    {
        var tokenizer = make();
        var path = Path.Combine(_folder, "tok.json");
        TokenizerFile.Save(tokenizer, path);
        var back = TokenizerFile.Load(path);
        Assert.That(back.GetType(), Is.EqualTo(tokenizer.GetType()));
        Assert.That(back.Kind, Is.EqualTo(tokenizer.Kind));
        Assert.That(back.VocabularySize, Is.EqualTo(tokenizer.VocabularySize));
        Assert.That(back.Encode(Text), Is.EqualTo(tokenizer.Encode(Text)));
        Assert.That(TokenizerFile.ToJson(back), Is.EqualTo(TokenizerFile.ToJson(tokenizer)));
    }

    [Test]
    public void Gpt2SavesAndLoadsWithTheSameIds()
    {
        var back = (BpeTokenizer)TokenizerFile.FromJson(TokenizerFile.ToJson(Gpt2Reference.Ours));
        Assert.That(back.Encode(Text), Is.EqualTo(Gpt2Reference.Ours.Encode(Text)));
    }

    [TestCase("not json", ": tokeniser JSON is malformed")]
    [TestCase("[1]", ": tokeniser JSON is not an object")]
    [TestCase("{\"tokens\":[]}", "no 'kind'")]
    [TestCase("{\"kind\":\"sentencepiece\"}", "unknown tokeniser kind 'sentencepiece'")]
    [TestCase("{\"kind\":\"bpe\",\"tokens\":[\"a\"]}", "lacks 'merges'")]
    [TestCase("{\"kind\":\"bpe\",\"tokens\":[\"a\"],\"merges\":[]}", "no token for byte")]
    [TestCase("{\"kind\":\"bpe\",\"tokens\":7,\"merges\":[]}", "'tokens' is not an array")]
    [TestCase("{\"kind\":\"bpe\",\"tokens\":[],\"merges\":[\"ab\"]}", "not two tokens")]
    [TestCase("{\"kind\":\"wordpiece\",\"lowercase\":true,\"unknown\":\"[UNK]\",\"max_input_chars_per_word\":100,\"tokens\":[\"a\"]}", "[UNK]")]
    [TestCase("{\"kind\":\"wordpiece\",\"lowercase\":\"yes\",\"unknown\":\"[UNK]\",\"max_input_chars_per_word\":100,\"tokens\":[\"[UNK]\"]}", ": wordpiece tokeniser JSON is malformed")]
    [TestCase("{\"kind\":\"wordpiece\",\"lowercase\":true,\"unknown\":\"[UNK]\",\"max_input_chars_per_word\":0,\"tokens\":[\"[UNK]\"]}", "below 1")]
    [TestCase("{\"kind\":\"char\",\"alphabet\":[\"ab\"]}", "not one character")]
    [TestCase("{\"kind\":\"char\",\"alphabet\":[null]}", "null")]
    public void DamagedFilesAreRefusedNamingTheFileAndTheProblem(string json, string problem)
    {
        var path = Path.Combine(_folder, "bad.json");
        File.WriteAllText(path, json);
        var error = Assert.Throws<TextDataException>(() => TokenizerFile.Load(path))!;
        Assert.That(error.Message, Does.Contain(path).And.Contain(problem));
    }

    [Test]
    public void EmptyMissingAndNonUtf8FilesAreRefused()
    {
        var path = Path.Combine(_folder, "bad.json");
        File.WriteAllBytes(path, []);
        Assert.That(() => TokenizerFile.Load(path), Throws.TypeOf<TextDataException>().With.Message.Contains("empty"));
        File.WriteAllBytes(path, [0x7B, 0xFF, 0x7D]);
        Assert.That(() => TokenizerFile.Load(path), Throws.TypeOf<TextDataException>().With.Message.Contains("UTF-8"));
        Assert.That(() => TokenizerFile.Load(Path.Combine(_folder, "none.json")), Throws.TypeOf<TextDataException>());
    }
}
