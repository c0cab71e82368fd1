using System.Diagnostics;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Settings;
using Grimoire.Nn;

namespace Grimoire.Models.Networks;

/// <summary>
/// A network of the book with its training recipe and its typed settings, like a classical estimator:
/// <c>new CnnDigits { Epochs = 5 }.Train(Console.Error)</c> returns a <see cref="NetworkModel"/> that predicts, saves and
/// loads. The settings every network takes live here; each model sets its own defaults in its constructor. A
/// <see cref="NetworkPlugin{TTrainer}"/> puts one in the catalogue, so `grimoire train` options, `--set` keys and the
/// JSON schema all come from these properties.
/// </summary>
public abstract class NetworkTrainer
{
    /// <summary>A trainer with the model's default epochs, batch size and learning rate.</summary>
    protected NetworkTrainer(int epochs, int batchSize, double learningRate) => (Epochs, BatchSize, LearningRate) = (epochs, batchSize, learningRate);

    /// <summary>Passes over the training rows.</summary>
    [Setting("epochs", Doc = "passes over the training rows", Minimum = 1, Maximum = 10_000)]
    public int Epochs { get; init; }

    /// <summary>Rows per mini-batch.</summary>
    [Setting("batch", Doc = "rows per mini-batch", Minimum = 1, Maximum = 100_000)]
    public int BatchSize { get; init; }

    /// <summary>The optimiser's step size.</summary>
    [Setting("lr", Doc = "learning rate", Minimum = 0, ExclusiveMinimum = true, Maximum = 1)]
    public double LearningRate { get; init; }

    /// <summary>Seeds the split, the initial weights and the batch order: the same seed on the same machine trains the
    /// same network bit for bit.</summary>
    [Setting("seed", Doc = "seed of the split, the initial weights and the batch order", Minimum = 0)]
    public int Seed { get; init; }

    /// <summary>Where to train; the trained network stays there.</summary>
    [Setting("device", Doc = "where to train: cpu, gpu (a CUDA or OpenCL accelerator) or gpu-sim (ILGPU's CPU simulator, slow)")]
    public TrainingDevice Device { get; init; } = TrainingDevice.Cpu;

    /// <summary>The catalogue and CLI name, which saved models carry.</summary>
    public abstract string Name { get; }

    /// <summary>The book section it implements.</summary>
    public abstract string BookSection { get; }

    /// <summary>"neural" (book part 2) or "vision" (part 3).</summary>
    public abstract string Family { get; }

    /// <summary>What it predicts, e.g. "classification" or "segmentation".</summary>
    public abstract string Task { get; }

    /// <summary>One line: architecture, data and book section.</summary>
    public abstract string Summary { get; }

    /// <summary>The name of the figure <see cref="TrainReport.Metric"/> holds, e.g. "test_accuracy" (higher is better).</summary>
    public abstract string Metric { get; }

    /// <summary>The data it trains on, e.g. "digits (shipped)".</summary>
    public abstract string TrainingData { get; }

    /// <summary>The columns and row shape the trained network predicts from.</summary>
    public abstract NetworkInput Input { get; }

    /// <summary>Trains on the model's own data and scores it; progress lines go to <paramref name="progress"/>.</summary>
    /// <exception cref="Grimoire.Ml.ModelException">a setting is out of range.</exception>
    public NetworkModel Train(TextWriter? progress = null)
    {
        EstimatorSettings.Validate(this);
        var clock = Stopwatch.StartNew();
        var device = new Device(Device switch { TrainingDevice.Gpu => "gpu", TrainingDevice.GpuSimulator => "gpu-sim", _ => "cpu" });
        var trained = Run(device, progress);
        var report = new TrainReport(Epochs, trained.TrainLoss, trained.Metric, clock.Elapsed.TotalSeconds) { Extra = trained.Extra };
        return new NetworkModel(Name, Metric, Input, trained.Network, device, report, SettingValues());
    }

    /// <summary>The untrained network that <see cref="Run"/> trains (or, for a pretext model, the one that predicts after
    /// it): its parameter names and shapes are what a saved model must hold.</summary>
    protected internal abstract Module Build(Rng rng);

    /// <summary>Trains on <paramref name="device"/> with the validated settings; the returned network is the caller's.</summary>
    protected abstract TrainedNetwork Run(Device device, TextWriter? progress);

    /// <summary>Runs <paramref name="training"/> on <paramref name="network"/>, which is disposed if training throws: a
    /// half-trained network belongs to no one.</summary>
    protected static TrainedNetwork Owning(Module network, Func<Module, TrainedNetwork> training)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        try
        {
            return training(network);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Each setting's value as `--set` writes it.</summary>
    internal IReadOnlyDictionary<string, string> SettingValues() =>
        SettingInfo.Of(GetType()).ToDictionary(s => s.Name, s => s.Format(s.Get(this)));
}
