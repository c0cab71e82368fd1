using System.CommandLine;
using Grimoire.Imaging;
using Grimoire.Ml;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire models | fit | predict`: the model catalogue of every family, fitting on a CSV (or a built-in data
/// set) with scikit-learn-named settings (or training a model on its own data), and predicting with a saved model of any
/// family. The JSON shapes are a stable contract (README).</summary>
internal static class ModelCommands
{
    public static Command Models(TextWriter output)
    {
        var settings = new Option<bool>("--settings") { Description = "Also list every model's --set keys: type, default, accepted values" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: each model with the JSON Schema of its settings" };
        var command = new Command("models", "List the model catalogue, every family: name, family, book section, task, metric, data") { settings, json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(json))
            {
                output.WriteLine(CatalogueJson());
                return 0;
            }
            var table = new TextTable(["model", "family", "section", "task", "metric", "trains on"]);
            foreach (var m in ModelCatalogue.All)
                table.Add(m.Name, m.Family, m.BookSection, m.Task, $"{m.Metric} ({(m.HigherIsBetter ? "higher" : "lower")} is better)", m.TrainingData ?? "--data (fit)");
            table.WriteTo(output);
            output.WriteLine($"built-in data sets (--data NAME): {string.Join(", ", BuiltinDatasets.Names)}");
            if (parse.GetValue(settings)) SettingsTable().WriteTo(output);
            return 0;
        });
        return command;
    }

    public static Command Fit(TextWriter output, TextWriter progress)
    {
        var model = new Argument<string>("model") { Description = $"One of: {string.Join(", ", ModelCatalogue.All.Select(m => m.Name))}" };
        var data = new Option<string?>("--data") { Description = "CSV file with a header row, or a built-in data set name (models that bring their own data take none)" };
        var target = new Option<string?>("--target") { Description = "Target column (every other column is a feature); needed by supervised models" };
        var settings = new Option<string[]>("--set") { Description = "A setting key=value with scikit-learn's names (repeatable); `grimoire models --settings` lists each model's keys", AllowMultipleArgumentsPerToken = false };
        var outFile = new Option<string?>("--out") { Description = "Save the fitted model to this file (safetensors layout)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("fit", "Fit a model from the catalogue (progress of models that train on their own data goes to standard error)") { model, data, target, settings, outFile, json };
        command.SetAction(parse =>
        {
            var plugin = ModelCatalogue.Find(parse.GetValue(model)!);
            var modelSettings = new ModelSettings(parse.GetValue(settings) ?? []);
            // The model's kernels compile on another core while the data loads, not inside the timed fit.
            _ = Task.Run(plugin.PrepareKernels);
            using var dataset = parse.GetValue(data) is { } source ? CsvDataset.Load(source, parse.GetValue(target)) : null;
            if (dataset is null && plugin.TrainingData is null) throw new ModelException($"{plugin.Name} needs --data: a CSV file or one of the built-in data sets ({string.Join(", ", BuiltinDatasets.Names)})");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var fitted = plugin.Fit(dataset, modelSettings, progress);
            var seconds = clock.Elapsed.TotalSeconds;
            try
            {
                if (parse.GetValue(outFile) is { } path) ModelFile.Write(path, fitted);
                output.WriteLine(FitJson(fitted, seconds, indented: !parse.GetValue(json)));
                if (!parse.GetValue(json) && parse.GetValue(outFile) is { } saved) output.WriteLine($"saved to {saved}");
            }
            finally
            {
                (fitted as IDisposable)?.Dispose();
            }
            return 0;
        });
        return command;
    }

    public static Command Predict(TextWriter output)
    {
        var modelFile = new Option<string>("--model") { Description = "A model file written by `fit --out` or `train --out`", Required = true };
        var data = new Option<string>("--data") { Description = "CSV with the model's feature columns (others are ignored), or a built-in data set", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("predict", "Predict with a saved model") { modelFile, data, json };
        command.SetAction(parse =>
        {
            var fitted = ModelFile.Load(parse.GetValue(modelFile)!);
            try
            {
                using var dataset = CsvDataset.Load(parse.GetValue(data)!, target: null);
                using var x = FeatureColumns.Select(dataset, fitted.Features);
                var prediction = fitted.Predict(x);
                if (parse.GetValue(json)) output.WriteLine(PredictionJson(prediction));
                else
                    for (var row = 0; row < prediction.Rows; row++)
                        output.WriteLine(string.Join(' ', prediction.Row(row).ToArray().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
            }
            finally
            {
                (fitted as IDisposable)?.Dispose();
            }
            return 0;
        });
        return command;
    }

    /// <summary>One row per model setting, all from the estimators' <see cref="Grimoire.Ml.Models.Settings.SettingInfo"/>.</summary>
    private static TextTable SettingsTable()
    {
        var table = new TextTable(["model", "setting", "default", "accepts", "meaning"]);
        foreach (var m in ModelCatalogue.All)
            foreach (var s in m.Settings)
                table.Add(m.Name, s.Name, s.Format(s.Default), s.Accepted, s.Doc + (s.OnlyWith is { } only ? $" (only with {only})" : ""));
        return table;
    }

    private static string CatalogueJson() => JsonText.Object(json =>
    {
        json.WriteStartArray("models");
        foreach (var m in ModelCatalogue.All)
        {
            json.WriteStartObject();
            json.WriteString("model", m.Name);
            json.WriteString("family", m.Family);
            json.WriteString("section", m.BookSection);
            json.WriteString("task", m.Task);
            json.WriteString("summary", m.Summary);
            json.WriteString("metric", m.Metric);
            json.WriteBoolean("higher_is_better", m.HigherIsBetter);
            if (m.TrainingData is { } own) json.WriteString("training_data", own);
            else json.WriteNull("training_data");
            json.WritePropertyName("settings");
            ModelCatalogue.SettingsSchema(m.Name).WriteTo(json);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("datasets");
        foreach (var name in BuiltinDatasets.Names) json.WriteStringValue(name);
        json.WriteEndArray();
    });

    /// <summary>The contract fields, then "fit_seconds": the fit alone, without loading the data.</summary>
    private static string FitJson(IFittedModel fitted, double seconds, bool indented) => JsonText.Object(json =>
    {
        json.WriteString("model", fitted.Model);
        fitted.WriteFitFields(json);
        json.WriteNumber("fit_seconds", Math.Round(seconds, 6));
    }, indented);

    private static string PredictionJson(Prediction prediction) => JsonText.Object(json =>
    {
        json.WriteStartArray("predictions");
        for (var row = 0; row < prediction.Rows; row++)
        {
            if (prediction.ValuesPerRow == 1)
            {
                json.WriteNumberValue(prediction.Values[row]);
                continue;
            }
            json.WriteStartArray();
            foreach (var v in prediction.Row(row)) json.WriteNumberValue(v);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        if (prediction.Probabilities is not { } rows) return;
        json.WriteStartArray("probabilities");
        foreach (var row in rows)
        {
            json.WriteStartArray();
            foreach (var p in row) json.WriteNumberValue(p);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    });
}
