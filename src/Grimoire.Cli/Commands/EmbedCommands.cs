using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Grimoire.Ml.Models;
using Grimoire.Text.Embeddings;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire embed train | nearest | analogy`: word embeddings (book §32.2) from the command line. The JSON
/// shapes are a contract scripts rely on (README); with --json progress goes to standard error.</summary>
internal static class EmbedCommands
{
    public static Command Create(TextWriter output, TextWriter progress) =>
        new("embed", "Word embeddings (book §32.2): train word2vec, GloVe or fastText vectors; nearest words; analogies")
        {
            Train(output, progress), Nearest(output), Analogy(output),
        };

    private static Command Train(TextWriter output, TextWriter progress)
    {
        var method = new Argument<string>("method") { Description = "word2vec, glove or fasttext" };
        var data = new Option<string>("--data") { Description = "A shipped corpus (shakespeare, names) or a UTF-8 text file", Required = true };
        var dim = new Option<int?>("--dim") { Description = "Vector length (default 100)" };
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the corpus (default: word2vec/fastText 5, GloVe 25)" };
        var window = new Option<int?>("--window") { Description = "Largest context distance (default: 5, GloVe 10)" };
        var threads = new Option<int?>("--threads") { Description = "Hogwild training threads (default 1; only 1 is bit-reproducible)" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the initial vectors and sampling (default 0)" };
        var set = new Option<string[]>("--set") { Description = "A method setting key=value (repeatable): min_count, lr, negative, sample, arch, x_max, alpha, minn, maxn, buckets, …" };
        var outFile = new Option<string>("--out") { Description = "Save the model here (binary)", Required = true };
        var textOut = new Option<string?>("--word2vec-text") { Description = "Also write the word vectors in word2vec's text format here" };
        var json = new Option<bool>("--json") { Description = "Print only one final JSON object (progress goes to standard error)" };
        var command = new Command("train", "Train word vectors and save them") { method, data, dim, epochs, window, threads, seed, set, outFile, textOut, json };
        command.SetAction(parse =>
        {
            // The named options are settings too; giving one both ways is refused as a repeated setting.
            var named = new (string Key, int? Value)[]
            {
                ("dim", parse.GetValue(dim)), ("epochs", parse.GetValue(epochs)), ("window", parse.GetValue(window)),
                ("threads", parse.GetValue(threads)), ("seed", parse.GetValue(seed)),
            };
            var pairs = named.Where(n => n.Value is not null).Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Key}={n.Value}"));
            var settings = new ModelSettings([.. pairs, .. parse.GetValue(set) ?? []]);
            var asJson = parse.GetValue(json);
            var progressTo = asJson ? progress : output;
            var result = EmbeddingTrainer.Train(parse.GetValue(method)!, parse.GetValue(data)!, settings, p => progressTo.WriteLine(ProgressLine(p)));
            var path = parse.GetValue(outFile)!;
            EmbeddingFile.Save(result.Model, path);
            if (parse.GetValue(textOut) is { } text) EmbeddingFile.SaveWord2VecText(result.Model, text);
            var r = result.Report;
            output.WriteLine(asJson ? Json(r, result.Model.Dimension, path) : string.Create(CultureInfo.InvariantCulture,
                $"{r.Method}: {r.VocabularySize} words × {result.Model.Dimension} from {r.CorpusWords} corpus words, {r.Epochs} epochs in {r.Seconds:F2} s: {r.WordsPerSecond:F0} words/s ({r.WordsPerSecondPerThread:F0} per thread, {r.Threads} thread(s)){LossText(r.Loss)}; saved {path}"));
            return 0;
        });
        return command;
    }

    private static Command Nearest(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "A model saved by `grimoire embed train`", Required = true };
        var word = new Option<string>("--word") { Description = "The query word (fastText models also take unseen words)", Required = true };
        var k = new Option<int>("--k") { Description = "How many neighbours", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("nearest", "The words nearest to a word by cosine similarity") { model, word, k, json };
        command.SetAction(parse =>
        {
            var count = Positive(parse.GetValue(k));
            var query = parse.GetValue(word)!;
            var neighbours = EmbeddingFile.Load(parse.GetValue(model)!).Nearest(query, count);
            output.Write(parse.GetValue(json)
                ? JsonText.Object(w => { w.WriteString("word", query); WriteNeighbours(w, neighbours); }) + "\n"
                : Lines(neighbours));
            return 0;
        });
        return command;
    }

    private static Command Analogy(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "A model saved by `grimoire embed train`", Required = true };
        var a = new Argument<string>("a") { Description = "a in a : b :: c : ?" };
        var b = new Argument<string>("b") { Description = "b in a : b :: c : ?" };
        var c = new Argument<string>("c") { Description = "c in a : b :: c : ?" };
        var k = new Option<int>("--k") { Description = "How many answers", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("analogy", "a : b :: c : ? by vector arithmetic (3CosAdd: nearest to b − a + c, inputs excluded)") { model, a, b, c, k, json };
        command.SetAction(parse =>
        {
            var count = Positive(parse.GetValue(k));
            var (wa, wb, wc) = (parse.GetValue(a)!, parse.GetValue(b)!, parse.GetValue(c)!);
            var answers = EmbeddingFile.Load(parse.GetValue(model)!).Analogy(wa, wb, wc, count);
            output.Write(parse.GetValue(json)
                ? JsonText.Object(w =>
                {
                    w.WriteString("a", wa);
                    w.WriteString("b", wb);
                    w.WriteString("c", wc);
                    WriteNeighbours(w, answers);
                }) + "\n"
                : Lines(answers));
            return 0;
        });
        return command;
    }

    private static int Positive(int k) => k >= 1 ? k : throw new ArgumentException($"--k must be at least 1, got {k}");

    private static string ProgressLine(EmbeddingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"progress {100 * p.Fraction:F1}%  {p.Seconds:F1} s  {p.WordsPerSecond:F0} words/s  lr {p.LearningRate:G4}{LossText(p.Loss)}");

    private static string LossText(double loss) => double.IsFinite(loss) ? string.Create(CultureInfo.InvariantCulture, $", loss {loss:G5}") : "";

    private static string Lines(IReadOnlyList<Neighbour> neighbours) =>
        string.Concat(neighbours.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Word}\t{n.Similarity:F4}\n")));

    private static void WriteNeighbours(Utf8JsonWriter w, IReadOnlyList<Neighbour> neighbours)
    {
        w.WriteStartArray("neighbours");
        foreach (var n in neighbours)
        {
            w.WriteStartObject();
            w.WriteString("word", n.Word);
            w.WriteNumber("similarity", Math.Round(n.Similarity, 6));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string Json(EmbeddingTrainingReport r, int dimension, string path) => JsonText.Object(w =>
    {
        w.WriteString("method", r.Method);
        w.WriteNumber("vocabulary", r.VocabularySize);
        w.WriteNumber("dim", dimension);
        w.WriteNumber("corpus_words", r.CorpusWords);
        w.WriteNumber("epochs", r.Epochs);
        w.WriteNumber("threads", r.Threads);
        w.WriteNumber("seconds", Math.Round(r.Seconds, 6));
        w.WriteNumber("words_per_second", Math.Round(r.WordsPerSecond, 1));
        w.WriteNumber("words_per_second_per_thread", Math.Round(r.WordsPerSecondPerThread, 1));
        w.WriteNumber("cpu_seconds", Math.Round(r.CpuSeconds, 6));
        w.WriteNumber("words_per_cpu_second", Math.Round(r.WordsPerCpuSecond, 1));
        // null for the methods that do not measure a loss: JSON has no NaN.
        if (double.IsFinite(r.Loss)) w.WriteNumber("loss", r.Loss);
        else w.WriteNull("loss");
        w.WriteNumber("learning_rate", r.FinalLearningRate);
        w.WriteString("out", path);
    });
}
