using System.CommandLine;
using System.Globalization;
using Grimoire.Cpu;
using Grimoire.Imaging;
using Grimoire.Language.Catalogue;
using Grimoire.Language.Checkpoints;
using Grimoire.Language.Generation;
using Grimoire.Language.Training;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire lm models | train | generate`: the language-model library (book part 5) from the command line. The
/// JSON shape of `train --json` is a contract scripts rely on (README); with --json progress goes to standard error.</summary>
internal static class LmCommands
{
    public static Command Create(TextWriter output, TextWriter progress) =>
        new("lm", "Language models (book §31-33): list the kinds, train one on a corpus, generate text")
        {
            Models(output), Train(output, progress), Generate(output),
        };

    private static Command Models(TextWriter output)
    {
        var command = new Command("models", "List the language models: name, book section, defaults");
        command.SetAction(_ =>
        {
            var table = new TextTable(["model", "section", "context", "layers", "dim", "steps", "batch", "lr", "summary"]);
            foreach (var m in LanguageModelCatalogue.Models)
            {
                var d = m.Defaults;
                table.Add(m.Name, m.BookSection, Text(d.Context), Text(d.Layers), Text(d.Dim), Text(d.Steps), Text(d.Batch), d.LearningRate.ToString("G", CultureInfo.InvariantCulture), m.Summary);
            }
            table.WriteTo(output);
            return 0;
        });
        return command;
    }

    private static Command Train(TextWriter output, TextWriter progress)
    {
        var model = new Argument<string>("model") { Description = "The model kind (`grimoire lm models`): bigram, mlp, rnn, lstm, gru, …" };
        var data = new Option<string>("--data") { Description = "A shipped corpus (shakespeare, names) or a UTF-8 text file", Required = true };
        var tokenizer = new Option<string>("--tokenizer") { Description = "char, or bpe:N (byte-level BPE with N ids)", DefaultValueFactory = _ => "char" };
        var context = new Option<int?>("--context") { Description = "Tokens of context (MLP: fixed context; recurrent: BPTT window)" };
        var layers = new Option<int?>("--layers") { Description = "Stacked layers" };
        var heads = new Option<int?>("--heads") { Description = "Attention heads (attention models)" };
        var dim = new Option<int?>("--dim") { Description = "Embedding and hidden width" };
        var positions = new Option<string?>("--positions") { Description = "Transformer positions: sinusoidal (default) or learned" };
        var steps = new Option<int?>("--steps") { Description = "Optimizer steps" };
        var batch = new Option<int?>("--batch") { Description = "Sequences per step" };
        var lr = new Option<double?>("--lr") { Description = "Peak AdamW learning rate (cosine schedule to a tenth of it)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the weights and the random windows", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads") { Description = "Worker threads for the kernels (default: GRIMOIRE_THREADS or all cores)" };
        var outFile = new Option<string?>("--out") { Description = "Save the trained model (with its tokenizer) here" };
        var json = new Option<bool>("--json") { Description = "Print only one final JSON object (progress goes to standard error)" };
        var command = new Command("train", "Train a language model; report train and held-out (last 10 %) loss")
        {
            model, data, tokenizer, context, layers, heads, dim, positions, steps, batch, lr, seed, threads, outFile, json,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(threads) is { } t) CpuParallel.Threads = t is >= 1 and <= 1024 ? t : throw new ArgumentException($"--threads must be between 1 and 1024, got {t}");
            var s = parse.GetValue(seed);
            if (s < 0) throw new ArgumentException($"--seed must be >= 0, got {s}");
            var request = new LanguageTrainRequest(parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(tokenizer)!)
            {
                Context = parse.GetValue(context), Layers = parse.GetValue(layers), Heads = parse.GetValue(heads), Dim = parse.GetValue(dim), Positions = parse.GetValue(positions),
                Steps = parse.GetValue(steps), Batch = parse.GetValue(batch), LearningRate = parse.GetValue(lr), Seed = (ulong)s, OutPath = parse.GetValue(outFile),
            };
            var asJson = parse.GetValue(json);
            var (trained, _, r) = request.Run(asJson ? progress : output);
            using (trained)
            {
                output.WriteLine(asJson
                    ? JsonText.Object(w =>
                    {
                        w.WriteString("model", trained.Config.Kind);
                        w.WriteNumber("params", trained.ParameterCount);
                        w.WriteNumber("steps", r.Steps);
                        w.WriteNumber("train_loss", Math.Round(r.TrainLoss, 6));
                        w.WriteNumber("val_loss", Math.Round(r.ValidationLoss, 6));
                        w.WriteNumber("seconds", Math.Round(r.Seconds, 3));
                        w.WriteNumber("tokens_per_second", Math.Round(r.TokensPerSecond, 1));
                    })
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{trained.Config.Kind}: {trained.ParameterCount} parameters, {r.Steps} steps in {r.Seconds:F1} s ({r.TokensPerSecond:F0} tokens/s); train loss {r.TrainLoss:F4}, val loss {r.ValidationLoss:F4}"));
            }
            return 0;
        });
        return command;
    }

    private static Command Generate(TextWriter output)
    {
        var modelFile = new Option<string>("--model") { Description = "A model saved by `grimoire lm train --out`", Required = true };
        var prompt = new Option<string>("--prompt") { Description = "Text to continue (default: a new line)", DefaultValueFactory = _ => "" };
        var tokens = new Option<int>("--tokens") { Description = "Tokens to generate", DefaultValueFactory = _ => 200 };
        var temperature = new Option<double>("--temperature") { Description = "Softmax temperature; 0 is greedy", DefaultValueFactory = _ => 1.0 };
        var topK = new Option<int>("--top-k") { Description = "Keep the k most likely tokens; 0 keeps all", DefaultValueFactory = _ => 0 };
        var topP = new Option<double>("--top-p") { Description = "Nucleus: keep the most likely tokens up to this probability", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the sampling", DefaultValueFactory = _ => 0 };
        var stop = new Option<string?>("--stop") { Description = "Stop after generating this token (one token of the model's tokenizer)" };
        var command = new Command("generate", "Continue a prompt with a saved language model") { modelFile, prompt, tokens, temperature, topK, topP, seed, stop };
        command.SetAction(parse =>
        {
            var (n, s) = (parse.GetValue(tokens), parse.GetValue(seed));
            if (n < 1) throw new ArgumentException($"--tokens must be at least 1, got {n}");
            if (s < 0) throw new ArgumentException($"--seed must be >= 0, got {s}");
            var sampling = new SamplingSettings(parse.GetValue(temperature), parse.GetValue(topK), parse.GetValue(topP), (ulong)s).Validate();
            var (model, tokenizer) = LanguageModelFile.Load(parse.GetValue(modelFile)!);
            using (model)
            {
                int? stopToken = parse.GetValue(stop) is { } text
                    ? tokenizer.Encode(text) is [var id] ? id : throw new ArgumentException($"--stop must be exactly one token of the model's tokenizer, got '{text}'")
                    : null;
                var prefix = parse.GetValue(prompt)!;
                output.WriteLine(prefix + TextGenerator.Generate(model, tokenizer, prefix, n, sampling, stopToken));
            }
            return 0;
        });
        return command;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
