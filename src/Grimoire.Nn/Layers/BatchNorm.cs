using Grimoire.Autograd;

namespace Grimoire.Nn.Layers;

/// <summary>Batch normalisation (book §12.2) over every axis but the feature (channel) axis 1:
/// y = γ·(x − μ)/√(σ² + ε) + β. In training μ and σ² are the batch mean and biased (mean squared deviation)
/// variance, and the running averages move towards the batch's mean and unbiased variance with PyTorch's momentum
/// convention, running ← (1 − m)·running + m·batch; in evaluation the running averages replace the batch statistics,
/// so a prediction does not depend on the other rows. The forward is made of engine ops, so autodiff supplies the
/// backward, including the paths through μ and σ². γ ("weight") and β ("bias") are parameters; "running_mean" and
/// "running_var" are buffers, named as PyTorch names them so checkpoints line up.</summary>
public abstract class BatchNorm : Module
{
    private readonly Tensor _runningMean;
    private readonly Tensor _runningVar;

    private protected BatchNorm(int features, double momentum, double epsilon, DType dtype)
    {
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features), features, "batch norm needs at least one feature");
        if (!(momentum >= 0 && momentum <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must lie in [0, 1]");
        if (!(epsilon > 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a positive finite number");
        if (!dtype.IsFloating()) throw new DTypeException($"batch norm's parameters must be floating, not {dtype.Name()}");
        (Features, Momentum, Epsilon) = (features, momentum, epsilon);
        Weight = new Parameter("weight", Tensor.Ones(new Shape(features), dtype));
        Bias = new Parameter("bias", Tensor.Zeros(new Shape(features), dtype));
        _runningMean = Tensor.Zeros(new Shape(features), dtype);
        _runningVar = Tensor.Ones(new Shape(features), dtype);
    }

    /// <summary>Size of axis 1 the statistics are kept for.</summary>
    public int Features { get; }

    /// <summary>m in running ← (1 − m)·running + m·batch, in [0, 1].</summary>
    public double Momentum { get; }

    /// <summary>ε added to the variance before the square root, positive.</summary>
    public double Epsilon { get; }

    /// <summary>γ, one scale per feature, starting at 1.</summary>
    public Parameter Weight { get; }

    /// <summary>β, one shift per feature, starting at 0.</summary>
    public Parameter Bias { get; }

    /// <summary>Running mean per feature, starting at 0; the buffer itself (updated in place while training), owned by the layer.</summary>
    public Tensor RunningMean => _runningMean;

    /// <summary>Running unbiased variance per feature, starting at 1; the buffer itself, owned by the layer.</summary>
    public Tensor RunningVar => _runningVar;

    /// <inheritdoc/>
    protected override IEnumerable<Parameter> OwnParameters => [Weight, Bias];

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Buffer)> OwnBuffers => [("running_mean", _runningMean), ("running_var", _runningVar)];

    /// <summary>The input rank this layer accepts (2 for [n, features], 4 for [n, c, h, w]).</summary>
    private protected abstract int InputRank { get; }

    /// <summary>Normalises <paramref name="input"/> ([n, features] or [n, c, h, w] for the 2-D layer); in training also moves the
    /// running averages.</summary>
    /// <exception cref="ShapeException">the wrong rank or feature count, or, in training, one value per feature.</exception>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != InputRank || input.Shape[1] != Features)
            throw new ShapeException($"{GetType().Name}({Features}) needs input of rank {InputRank} with {Features} features on axis 1, got {input.Shape}");
        var axes = Enumerable.Range(0, InputRank).Where(a => a != 1).ToArray();
        var broadcast = Enumerable.Range(0, InputRank).Select(a => a == 1 ? Features : 1).ToArray();
        Tensor centred, variance;
        if (Training)
        {
            var count = input.Size / Features;
            if (count < 2) throw new ShapeException($"{GetType().Name} in training needs more than one value per feature, got input {input.Shape}");
            var mean = input.Mean(axes, keepDims: true);
            centred = input - mean;
            variance = (centred * centred).Mean(axes, keepDims: true);
            UpdateRunningStatistics(mean, variance, count);
        }
        else
        {
            centred = input - _runningMean.Reshape(broadcast);
            variance = _runningVar.Reshape(broadcast);
        }
        var normalised = centred / (variance + Epsilon).Sqrt();
        return normalised * Weight.Value.Reshape(broadcast) + Bias.Value.Reshape(broadcast);
    }

    /// <summary>Moves the running averages towards this batch; the variance is made unbiased (× count/(count − 1))
    /// as PyTorch does, since the running value estimates the population's variance.</summary>
    private void UpdateRunningStatistics(Tensor mean, Tensor variance, int count)
    {
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        (_runningMean * (1 - Momentum) + mean.Reshape(Features) * Momentum).CopyTo(_runningMean);
        (_runningVar * (1 - Momentum) + variance.Reshape(Features) * (Momentum * count / (count - 1))).CopyTo(_runningVar);
    }
}

/// <summary>Batch norm over [n, features] inputs: statistics per feature over the rows.</summary>
public sealed class BatchNorm1d(int features, double momentum = 0.1, double epsilon = 1e-5, DType dtype = DType.Float32)
    : BatchNorm(features, momentum, epsilon, dtype)
{
    private protected override int InputRank => 2;
}

/// <summary>Batch norm over NCHW inputs: statistics per channel over the batch and every pixel.</summary>
public sealed class BatchNorm2d(int channels, double momentum = 0.1, double epsilon = 1e-5, DType dtype = DType.Float32)
    : BatchNorm(channels, momentum, epsilon, dtype)
{
    private protected override int InputRank => 4;
}
