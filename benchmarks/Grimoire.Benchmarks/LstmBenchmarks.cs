using BenchmarkDotNet.Attributes;
using Grimoire.Cpu;
using Grimoire.Nn.Layers;

namespace Grimoire.Benchmarks;

/// <summary>An LSTM layer's training step (forward and backward, parameter gradients included) at T = 64, batch 32,
/// input = hidden = 256, the shapes of benchmarks/lm/torch_lstm_step.py, in the fused mode and per step with fused cells.</summary>
public class LstmBenchmarks : IThroughput
{
    private const int Steps = 64, Batch = 32, Size = 256;
    private LSTM _lstm = null!;
    private Tensor _x = null!, _w = null!;

    [Params(RecurrentMode.Fused, RecurrentMode.FusedCells)]
    public RecurrentMode Mode { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Tokens (steps × batch rows) per training step.</summary>
    public double Work => Steps * Batch;

    public string Unit => "tokens/s";

    [GlobalSetup]
    public void Setup()
    {
        CpuParallel.Threads = Threads;
        _lstm = new LSTM(Size, Size, rng: new Rng(1)) { Mode = Mode };
        _x = Tensor.RandN(new Shape(Steps, Batch, Size), rng: new Rng(2));
        _w = Tensor.RandN(new Shape(Steps, Batch, Size), rng: new Rng(3));
    }

    [Benchmark]
    public void TrainingStep()
    {
        using var scope = new TensorScope();
        _lstm.ZeroGrad();
        var (output, _) = _lstm.Forward(_x);
        (output * _w).Sum().Backward();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _lstm.Dispose();
        _x.Dispose();
        _w.Dispose();
    }
}
