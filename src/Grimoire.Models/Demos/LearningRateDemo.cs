using System.Globalization;
using Grimoire.Imaging;
using Grimoire.Models.Neural;
using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;

namespace Grimoire.Models.Demos;

/// <summary>`grimoire demo learning-rates` (book §11.4, the idea of its Figure 15): the same MLP 64-32-10 on the
/// digits, from the same initial weights and batch order, trained by plain mini-batch SGD with a learning rate that
/// is too small (the loss creeps down), a good one (it falls fast) and one too large (the steps overshoot, and the
/// loss stalls high or diverges). Prints the mean training loss per epoch for each and draws the three curves.</summary>
public static class LearningRateDemo
{
    /// <summary>What <c>grimoire demo learning-rates</c> takes.</summary>
    /// <param name="Epochs">Epochs per run, 1 to 1000.</param>
    /// <param name="Seed">Seeds the split, the initial weights and the batch order shared by the three runs, ≥ 0.</param>
    /// <param name="Out">The PNG file to write; its folder must exist.</param>
    public sealed record Options(int Epochs, int Seed, string Out)
    {
        /// <summary>Checks every option and that the folder of <see cref="Out"/> exists.</summary>
        /// <exception cref="ArgumentException">an option out of range, named as its CLI flag.</exception>
        public void Validate()
        {
            if (Epochs is < 1 or > 1000) throw new ArgumentException($"--epochs must be between 1 and 1000, got {Epochs}");
            if (Seed < 0) throw new ArgumentException($"--seed must be >= 0, got {Seed}");
            OutputPath.Validate(Out);
        }
    }

    /// <summary>One run: its label in the table, its rate, and its colour in the plot (legend rows in this order).</summary>
    private sealed record Rate(string Label, double LearningRate, Rgb Colour)
    {
        /// <summary>"lr 0.2": the rate as the table header and the plot legend both name it.</summary>
        public string Named => $"lr {LearningRate.ToString(CultureInfo.InvariantCulture)}";
    }

    private static readonly Rate[] Rates =
    [
        new("too small", 0.002, new Rgb(40, 90, 220)),
        new("good", 0.2, new Rgb(30, 160, 60)),
        new("too large", 3.0, new Rgb(220, 40, 40)),
    ];

    private const int BatchSize = 32;
    private const int PlotWidth = 640;
    private const int PlotHeight = 400;
    private const int TableRows = 10;

    private static readonly LinePlot.Captions Captions = new("Training loss by SGD learning rate", "epoch", "loss", FirstX: 1);

    /// <summary>Trains the three runs, prints the table and writes the plot.</summary>
    public static void Run(Options options, TextWriter output)
    {
        options.Validate();
        using var data = DigitsData.Load(options.Seed, "learning-rates");
        output.WriteLine($"MLP 64-32-10 (ReLU) on digits ({data.TrainX.Shape[0]} training rows), SGD batch {BatchSize}, {options.Epochs} epochs, seed {options.Seed}; mean training loss per epoch:");
        var curves = Rates.Select(r => Train(data, r.LearningRate, options)).ToArray();

        var table = new TextTable(["epoch", .. Rates.Select(r => $"{r.Label} ({r.Named})")], [.. Enumerable.Range(0, Rates.Length + 1)]);
        foreach (var epoch in SampledEpochs(options.Epochs))
            table.Add([epoch.ToString(CultureInfo.InvariantCulture), .. curves.Select(c => Format(c[epoch - 1]))]);
        table.WriteTo(output);

        var plot = LinePlot.Draw(Captions, Rates.Select((r, i) => new LinePlot.Series(r.Named, r.Colour, curves[i])).ToArray(), PlotWidth, PlotHeight);
        PngWriter.Write(plot, options.Out);
        output.WriteLine($"wrote {options.Out} ({PlotWidth}x{PlotHeight}): loss against epoch, blue = too small, green = good, red = too large");
    }

    /// <summary>A fresh model from the same seed, so the three runs differ only in their learning rate.</summary>
    private static double[] Train(DigitsData data, double learningRate, Options options)
    {
        var rng = new Rng((ulong)options.Seed);
        using var model = new Sequential(
            new Linear(64, 32, Activation.Relu, rng),
            new Linear(32, 10, Activation.None, rng));
        using var optimizer = new Sgd(model.Parameters(), learningRate);
        var history = new Trainer(model, optimizer, Losses.CrossEntropy)
            .Fit(data.TrainX, data.TrainY, data.TestX, data.TestY, options.Epochs, BatchSize, rng);
        return history.Select(e => e.TrainLoss).ToArray();
    }

    /// <summary>About <see cref="TableRows"/> evenly spaced epochs, always the first and the last.</summary>
    private static IEnumerable<int> SampledEpochs(int epochs) =>
        Enumerable.Range(0, TableRows).Select(i => 1 + (int)Math.Round(i * (epochs - 1) / (double)(TableRows - 1))).Distinct();

    private static string Format(double loss) => double.IsFinite(loss) ? loss.ToString("F4", CultureInfo.InvariantCulture) : "diverged";
}
