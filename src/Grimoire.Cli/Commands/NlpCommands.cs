using System.CommandLine;
using System.Globalization;
using Grimoire.Cpu;
using Grimoire.Language.Tasks;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire nlp corpus | train`: the §34 tasks (sentiment, named entities, extractive QA) fine-tuned from a
/// pretrained language model or from scratch. The JSON shape of `train --json` is a contract (README).</summary>
internal static class NlpCommands
{
    public static Command Create(TextWriter output, TextWriter progress) =>
        new("nlp", "NLP tasks (book §34): write the unlabelled pretraining text; fine-tune and score a task")
        {
            Corpus(output), Train(output, progress),
        };

    private static Command Corpus(TextWriter output)
    {
        var outFile = new Option<string>("--out") { Description = "Write the text here (UTF-8)", Required = true };
        var chars = new Option<int>("--chars") { Description = "About this many characters", DefaultValueFactory = _ => 400_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generators (kept apart from the labelled sets)", DefaultValueFactory = _ => 0 };
        var command = new Command("corpus", "Write unlabelled text from the task generators, to pretrain a language model on (`grimoire lm train lstm --data F`)") { outFile, chars, seed };
        command.SetAction(parse =>
        {
            var (n, s) = (parse.GetValue(chars), parse.GetValue(seed));
            if (n is < 1000 or > 100_000_000) throw new ArgumentException($"--chars must be between 1000 and 100000000, got {n}");
            if (s < 0) throw new ArgumentException($"--seed must be >= 0, got {s}");
            var text = TaskGenerators.PretrainingText(n, (ulong)s);
            File.WriteAllText(parse.GetValue(outFile)!, text);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {text.Length} characters to {parse.GetValue(outFile)}"));
            return 0;
        });
        return command;
    }

    private static Command Train(TextWriter output, TextWriter progress)
    {
        var task = new Argument<string>("task") { Description = "sentiment, ner or qa" };
        var pretrained = new Option<string?>("--pretrained") { Description = "A recurrent character model saved by `grimoire lm train --out` (default: from scratch)" };
        var train = new Option<int>("--train") { Description = "Labelled training examples", DefaultValueFactory = _ => 300 };
        var test = new Option<int>("--test") { Description = "Held-out test examples", DefaultValueFactory = _ => 500 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training examples", DefaultValueFactory = _ => 10 };
        var lr = new Option<double>("--lr") { Description = "AdamW learning rate", DefaultValueFactory = _ => 3e-3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the examples and new weights", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads") { Description = "Worker threads for the kernels (default: GRIMOIRE_THREADS or all cores)" };
        var json = new Option<bool>("--json") { Description = "Print only one final JSON object (progress goes to standard error)" };
        var command = new Command("train", "Fine-tune a task head (and the encoder) and score the held-out examples") { task, pretrained, train, test, epochs, lr, seed, threads, json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(threads) is { } t) CpuParallel.Threads = t is >= 1 and <= 1024 ? t : throw new ArgumentException($"--threads must be between 1 and 1024, got {t}");
            var s = parse.GetValue(seed);
            if (s < 0) throw new ArgumentException($"--seed must be >= 0, got {s}");
            var request = new NlpTaskRequest(parse.GetValue(task)!)
            {
                PretrainedPath = parse.GetValue(pretrained), TrainExamples = parse.GetValue(train), TestExamples = parse.GetValue(test),
                Epochs = parse.GetValue(epochs), LearningRate = parse.GetValue(lr), Seed = (ulong)s,
            };
            var asJson = parse.GetValue(json);
            var r = request.Run(asJson ? progress : output);
            output.WriteLine(asJson
                ? JsonText.Object(w =>
                {
                    w.WriteString("task", r.Task);
                    w.WriteString("init", r.Init);
                    w.WriteString("metric", r.Metric);
                    w.WriteNumber("value", Math.Round(r.Value, 6));
                    w.WriteNumber("train_examples", r.TrainExamples);
                    w.WriteNumber("test_examples", r.TestExamples);
                    w.WriteNumber("epochs", r.Epochs);
                    w.WriteNumber("seconds", Math.Round(r.Seconds, 3));
                })
                : string.Create(CultureInfo.InvariantCulture, $"{r.Task} ({r.Init}): {r.Metric} {r.Value:F4} on {r.TestExamples} test examples after {r.Epochs} epochs over {r.TrainExamples} ({r.Seconds:F1} s)"));
            return 0;
        });
        return command;
    }
}
