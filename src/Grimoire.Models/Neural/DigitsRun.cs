using System.Diagnostics;

namespace Grimoire.Models.Neural;

/// <summary>How every digits trainable starts: the options validated, the clock running, the device, the seeded
/// split of the digits on it, and the engine <see cref="Grimoire.Rng"/> seeded from the options. Owns the data.</summary>
public sealed class DigitsRun : IDisposable
{
    private DigitsRun(TrainOptions options, string model)
    {
        options.Validate();
        Clock = Stopwatch.StartNew();
        Device = new Device(options.Device);
        Data = DigitsData.Load(options.Seed, model, Device);
        Rng = new Rng((ulong)options.Seed);
    }

    /// <summary>Starts a run of <paramref name="model"/>, which names who needs the data in an error.</summary>
    public static DigitsRun Start(TrainOptions options, string model) => new(options, model);

    public Stopwatch Clock { get; }

    public Device Device { get; }

    public DigitsData Data { get; }

    public Rng Rng { get; }

    public void Dispose() => Data.Dispose();
}
