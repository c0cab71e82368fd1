using System.CommandLine;
using Grimoire.Models;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire train MODEL`: trains a neural network of book part 2 on shipped data. Without --json it prints
/// one progress line per epoch and a summary; with --json only one final object, a contract scripts rely on, while the
/// progress lines go to standard error so a scripted run still shows them.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter progress)
    {
        var train = new Command("train", "Train a neural network (book part 2) on shipped data");
        foreach (var model in TrainableModels.All) train.Subcommands.Add(ModelCommand(model, output, progress));
        return train;
    }

    private static Command ModelCommand(ITrainable model, TextWriter output, TextWriter progress)
    {
        var defaults = model.Defaults;
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training rows", DefaultValueFactory = _ => defaults.Epochs };
        var batch = new Option<int>("--batch") { Description = "Rows per mini-batch", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--lr") { Description = "Learning rate", DefaultValueFactory = _ => defaults.LearningRate };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the initial weights and the batch order", DefaultValueFactory = _ => defaults.Seed };
        var device = new Option<string>("--device") { Description = "Where to train: cpu, or gpu (CUDA, else OpenCL, else ILGPU's CPU simulator)", DefaultValueFactory = _ => defaults.Device };
        var json = new Option<bool>("--json") { Description = "Print only one final JSON object" };
        var command = new Command(model.Name, model.Summary) { epochs, batch, lr, seed, device, json };
        command.SetAction(parse =>
        {
            var options = new TrainOptions(parse.GetValue(epochs), parse.GetValue(batch), parse.GetValue(lr), parse.GetValue(seed), parse.GetValue(device)!);
            var asJson = parse.GetValue(json);
            var result = model.Run(options, asJson ? progress : output);
            output.WriteLine(asJson
                ? Json(result)
                : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{model.Name}: {result.MetricName.Replace('_', ' ')} {result.Metric:F4}, final train loss {result.TrainLoss:F4}, {result.Seconds:F2} s"));
            return 0;
        });
        return command;
    }

    private static string Json(TrainResult result) => JsonText.Object(json =>
    {
        json.WriteString("model", result.Model);
        json.WriteNumber("epochs", result.Epochs);
        json.WriteNumber("train_loss", result.TrainLoss);
        json.WriteNumber(result.MetricName, result.Metric);
        foreach (var (name, value) in result.Extra) json.WriteNumber(name, value);
        json.WriteNumber("seconds", Math.Round(result.Seconds, 6));
    });
}
