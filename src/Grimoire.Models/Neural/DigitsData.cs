using Grimoire.Ml.Data;
using Grimoire.Models.Networks;

namespace Grimoire.Models.Neural;

/// <summary>The shipped 8×8 digits as float32 inputs and int32 labels, split into training rows and a stratified
/// 20 % held out (seeded). Pixels (0–16) are scaled by 1/16 so inputs start in [0, 1]. Owns its four tensors.</summary>
public sealed class DigitsData : IDisposable
{
    private const double TestFraction = 0.2;
    private const double PixelScale = 1.0 / 16;

    /// <summary>What the digits networks train on, for listings.</summary>
    public const string Description = "digits (shipped)";

    private static readonly Lazy<NetworkInput> s_input = new(() =>
    {
        using var data = CsvDataset.Load("digits", "digit");
        return new NetworkInput([.. data.Features], [data.Features.Count], PixelScale);
    });

    /// <summary>The 64 pixel columns of the shipped CSV, scaled by 1/16 as in training.</summary>
    public static NetworkInput Input => s_input.Value;

    private DigitsData(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY) =>
        (TrainX, TrainY, TestX, TestY) = (trainX, trainY, testX, testY);

    /// <summary>Training pixels [rows, 64], float32 in [0, 1].</summary>
    public Tensor TrainX { get; }

    /// <summary>Training labels [rows], int32 digits 0–9.</summary>
    public Tensor TrainY { get; }

    /// <summary>Held-out pixels [rows, 64], float32 in [0, 1].</summary>
    public Tensor TestX { get; }

    /// <summary>Held-out labels [rows], int32 digits 0–9.</summary>
    public Tensor TestY { get; }

    /// <summary>Loads and splits the data onto <paramref name="device"/> (the host when null); <paramref name="consumer"/>
    /// names who needs the target in an error.</summary>
    public static DigitsData Load(int seed, string consumer, Device? device = null)
    {
        using var data = CsvDataset.Load("digits", "digit");
        var (train, test) = TrainTestSplit.Split(data, TestFraction, seed, stratify: true);
        var target = device ?? Device.Cpu;
        using (train)
        using (test)
            return new DigitsData(Pixels(train).OnDevice(target), Labels(train, consumer).OnDevice(target), Pixels(test).OnDevice(target), Labels(test, consumer).OnDevice(target));
    }

    private static Tensor Pixels(Dataset d)
    {
        using var x = d.X.To(DType.Float32);
        return x * PixelScale;
    }

    private static Tensor Labels(Dataset d, string consumer) => d.RequireTarget(consumer).To(DType.Int32);

    /// <summary>Disposes the four tensors.</summary>
    public void Dispose()
    {
        TrainX.Dispose();
        TrainY.Dispose();
        TestX.Dispose();
        TestY.Dispose();
    }
}
