using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Settings;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire train MODEL`: trains a catalogue model that brings its own data (the networks of book parts 2–3).
/// Its options are the model's settings (`--epochs`, `--batch`, …, the same names `--set` and the JSON schema use).
/// Without --json it prints one progress line per epoch and a summary; with --json only one final object, a contract
/// scripts rely on, while the progress lines go to standard error so a scripted run still shows them. --out saves the
/// trained model for `grimoire predict`.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter progress)
    {
        var train = new Command("train", "Train a model that brings its own data (the networks of book parts 2–3); `grimoire fit` takes a data set");
        foreach (var model in ModelCatalogue.All.Where(m => m.TrainingData is not null)) train.Subcommands.Add(ModelCommand(model, output, progress));
        return train;
    }

    private static Command ModelCommand(IModelPlugin model, TextWriter output, TextWriter progress)
    {
        var settings = model.Settings.Select(s => (Setting: s, Option: new Option<string?>($"--{s.Name}") { Description = $"{Capitalised(s.Doc)} (default {s.Format(s.Default)}; {s.Accepted})" })).ToList();
        var outFile = new Option<string?>("--out") { Description = "Save the trained model to this file, for `grimoire predict --model`" };
        var json = new Option<bool>("--json") { Description = "Print only one final JSON object" };
        var command = new Command(model.Name, $"{model.Summary}; trains on {model.TrainingData}");
        foreach (var option in settings.Select(s => s.Option).Append<Option>(outFile).Append(json)) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var given = settings.Where(s => parse.GetValue(s.Option) is not null).Select(s => (s.Setting, Text: parse.GetValue(s.Option)!)).ToList();
            foreach (var (setting, text) in given) CheckOption(setting, text);
            var asJson = parse.GetValue(json);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var fitted = model.Fit(null, new ModelSettings(given.Select(g => $"{g.Setting.Name}={g.Text}")), asJson ? progress : output);
            var seconds = clock.Elapsed.TotalSeconds;
            try
            {
                if (parse.GetValue(outFile) is { } path) ModelFile.Write(path, fitted);
                var fields = FitFields.Of(fitted);
                output.WriteLine(asJson ? Json(fitted, seconds) : Summary(model, fields, seconds) + (DeviceOf(fitted) is { } device ? $" on {device}" : ""));
                if (!asJson && parse.GetValue(outFile) is { } saved) output.WriteLine($"saved to {saved}");
            }
            finally
            {
                (fitted as IDisposable)?.Dispose();
            }
            return 0;
        });
        return command;
    }

    /// <summary>Refuses a malformed or out-of-range option before anything is trained, naming the option as typed.</summary>
    private static void CheckOption(SettingInfo setting, string text)
    {
        try
        {
            setting.Parse(text);
        }
        catch (ModelException e)
        {
            throw new ModelException($"--{setting.Name}: {e.Message}");
        }
    }

    /// <summary>"mlp-digits: test accuracy 0.9722, final train loss 0.0123, 3.21 s" (the figures the fit reports).</summary>
    private static string Summary(IModelPlugin model, JsonObject fields, double seconds)
    {
        string Figure(string name, string label) =>
            fields[name] is JsonValue value && value.TryGetValue<double>(out var v) ? string.Create(CultureInfo.InvariantCulture, $"{label} {v:F4}, ") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{model.Name}: {Figure(model.Metric, model.Metric.Replace('_', ' '))}{Figure("train_loss", "final train loss")}{seconds:F2} s");
    }

    /// <summary>What a network trained on, as the device describes itself (e.g. "gpu-sim (CPU simulator: …)"); null for
    /// models that do not train on a device.</summary>
    private static string? DeviceOf(IFittedModel fitted) =>
        fitted is Grimoire.Models.Networks.NetworkModel network ? DeviceBackends.Describe(network.Device) : null;

    /// <summary>{"model", the fit fields ("epochs", "train_loss", the metric, further figures), "seconds"}: a fixed contract,
    /// so the device is named in the text summary only.</summary>
    private static string Json(IFittedModel fitted, double seconds) => JsonText.Object(json =>
    {
        json.WriteString("model", fitted.Model);
        fitted.WriteFitFields(json);
        json.WriteNumber("seconds", Math.Round(seconds, 6));
    });

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
