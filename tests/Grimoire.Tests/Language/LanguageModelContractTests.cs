using FsCheck;
using FsCheck.Fluent;
using Grimoire.Autograd;
using Grimoire.Language;
using Grimoire.Language.Catalogue;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Language;

/// <summary>The language-model contract for every catalogue kind: logits [batch, T, vocabulary]; feeding a sequence in
/// pieces with the state carried gives the logits of feeding it whole; no position sees a later token; bad ids and foreign
/// states are refused.</summary>
public sealed class LanguageModelContractTests
{
    private static readonly string[] Kinds = ["bigram", "mlp", "rnn", "lstm", "gru", "transformer"];

    internal static LanguageModel Make(string kind, int vocabulary = 7, int context = 3, ulong seed = 1) =>
        LanguageModelCatalogue.Model(kind).Create(new LanguageModelConfig(kind, vocabulary, context, 2, 1, 8), new Rng(seed));

    private static int[] RandomIds(Rng rng, int count, int vocabulary) => [.. Enumerable.Range(0, count).Select(_ => rng.NextInt(vocabulary))];

    private static float[] Logits(LanguageModel model, int[] ids, int batch)
    {
        using var scope = new TensorScope();
        using var noGrad = GradMode.NoGrad();
        return model.Forward(Tensor.FromArray(ids, new Shape(batch, ids.Length / batch))).Logits.Contiguous().ToArray<float>();
    }

    [Test]
    public void FeedingInPiecesWithTheStateEqualsFeedingWhole()
    {
        var gen = Gens.Zip3(Gen.Elements(Kinds), Gen.Choose(1, 3), Gen.Zip(Gen.Choose(2, 9), Gen.Choose(1, 8)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(30).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(gen), p =>
        {
            var (kind, batch, (steps, cutSeed)) = p;
            var cut = 1 + cutSeed % (steps - 1);
            using var model = Make(kind);
            var ids = RandomIds(new Rng((ulong)(steps * 31 + batch)), batch * steps, model.VocabularySize);
            var whole = Logits(model, ids, batch);
            using var scope = new TensorScope();
            using var noGrad = GradMode.NoGrad();
            int[] Part(int from, int to) => [.. Enumerable.Range(0, batch).SelectMany(b => ids[(b * steps + from)..(b * steps + to)])];
            var (first, state) = model.Forward(Tensor.FromArray(Part(0, cut), new Shape(batch, cut)));
            var (second, _) = model.Forward(Tensor.FromArray(Part(cut, steps), new Shape(batch, steps - cut)), state);
            var pieces = Tensor.Concat([first, second], 1).Contiguous().ToArray<float>();
            Assert.That(pieces.Length, Is.EqualTo(batch * steps * model.VocabularySize));
            for (var i = 0; i < whole.Length; i++) Assert.That(pieces[i], Is.EqualTo(whole[i]).Within(1e-4), $"{kind} B={batch} T={steps} cut={cut} element {i}");
        }));
    }

    [Test]
    public void NoPositionSeesALaterToken()
    {
        var gen = Gens.Zip3(Gen.Elements(Kinds), Gen.Choose(2, 10), Gen.Choose(0, 1000));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(30).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(gen), p =>
        {
            var (kind, steps, seed) = p;
            using var model = Make(kind);
            var rng = new Rng((ulong)seed);
            var ids = RandomIds(rng, steps, model.VocabularySize);
            var t = rng.NextInt(steps - 1);
            var changed = (int[])ids.Clone();
            for (var i = t + 1; i < steps; i++) changed[i] = (changed[i] + 1 + rng.NextInt(model.VocabularySize - 1)) % model.VocabularySize;
            var (a, b) = (Logits(model, ids, 1), Logits(model, changed, 1));
            var upTo = (t + 1) * model.VocabularySize;
            Assert.That(b[..upTo], Is.EqualTo(a[..upTo]), $"{kind}: positions 0..{t} changed when later tokens did");
        }));
    }

    [TestCaseSource(nameof(Kinds))]
    public void LogitsHaveTheContractShapeAndBadInputIsRefused(string kind)
    {
        using var scope = new TensorScope();
        using var model = Make(kind);
        var (logits, _) = model.Forward(Tensor.FromArray(new[] { 1, 2, 3, 4, 5, 6 }, new Shape(2, 3)));
        Assert.That(logits.Shape, Is.EqualTo(new Shape(2, 3, 7)));
        Assert.Throws<ShapeException>(() => model.Forward(Tensor.FromArray(new[] { 1, 2 }, new Shape(2))));
        Assert.Throws<DTypeException>(() => model.Forward(Tensor.FromArray(new[] { 1f, 2f }, new Shape(1, 2))));
        Assert.Throws<ShapeException>(() => model.Forward(Tensor.FromArray(new[] { 1, 7 }, new Shape(1, 2))), "an id equal to the vocabulary size");
        var other = kind is "mlp" or "bigram" ? "lstm" : "mlp";
        using var foreign = Make(other);
        var (_, foreignState) = foreign.Forward(Tensor.FromArray(new[] { 1, 2 }, new Shape(1, 2)));
        Assert.Throws<ArgumentException>(() => model.Forward(Tensor.FromArray(new[] { 1 }, new Shape(1, 1)), foreignState));
    }

    [Test]
    public void TheCatalogueNamesItsKindsAndRefusesUnknownOnes()
    {
        Assert.That(LanguageModelCatalogue.Models.Select(m => m.Name), Is.SupersetOf(Kinds));
        Assert.That(LanguageModelCatalogue.Models.All(m => m.BookSection.StartsWith('§')), Is.True);
        Assert.That(() => LanguageModelCatalogue.Model("nope"), Throws.TypeOf<Grimoire.Ml.ModelException>().With.Message.Contains("lstm"));
        Assert.Throws<InvalidOperationException>(() => LanguageModelCatalogue.Add(LanguageModelCatalogue.Model("lstm")));
    }
}
