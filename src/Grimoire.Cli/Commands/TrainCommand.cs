using System.CommandLine;
using System.Text.Json;
using Grimoire.Cli.Training;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire train MODEL`: trains a neural network of book part 2 on shipped data. Without --json it prints
/// one progress line per epoch and a summary; with --json only one final object, a contract scripts rely on.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        var defaults = new MlpDigits.Options();
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training rows", DefaultValueFactory = _ => defaults.Epochs };
        var batch = new Option<int>("--batch") { Description = "Rows per mini-batch", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => defaults.LearningRate };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the initial weights and the batch order", DefaultValueFactory = _ => defaults.Seed };
        var device = new Option<string>("--device") { Description = "Where to train (only cpu for now)", DefaultValueFactory = _ => defaults.Device };
        var json = new Option<bool>("--json") { Description = "Print only one final JSON object" };
        var mlpDigits = new Command(MlpDigits.Name, "MLP 64-128-64-10 on the digits data set, Adam, mini-batches (book §9–§11)") { epochs, batch, lr, seed, device, json };
        mlpDigits.SetAction(parse =>
        {
            var options = new MlpDigits.Options(parse.GetValue(epochs), parse.GetValue(batch), parse.GetValue(lr), parse.GetValue(seed), parse.GetValue(device)!);
            var asJson = parse.GetValue(json);
            var result = MlpDigits.Run(options, asJson ? null : output);
            output.WriteLine(asJson
                ? Json(result)
                : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{MlpDigits.Name}: test accuracy {result.TestAccuracy:F4}, final train loss {result.TrainLoss:F4}, {result.Seconds:F2} s"));
            return 0;
        });
        return new Command("train", "Train a neural network (book part 2) on shipped data") { mlpDigits };
    }

    private static string Json(MlpDigits.Result result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", MlpDigits.Name);
            json.WriteNumber("epochs", result.Epochs);
            json.WriteNumber("train_loss", result.TrainLoss);
            json.WriteNumber("test_accuracy", result.TestAccuracy);
            json.WriteNumber("seconds", Math.Round(result.Seconds, 6));
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
