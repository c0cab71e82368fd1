using Grimoire.Autograd;

namespace Grimoire.Nn.Optimizers;

/// <summary>Updates parameters in place from their gradients. Updates run with engine ops under
/// <see cref="GradMode.NoGrad"/>, so they work on any device and record nothing; each step's temporaries live in
/// its own <see cref="TensorScope"/>. State tensors (moments, velocities) are allocated once, at construction,
/// which is why an optimizer must be built outside the training step's scope. Parameters with no gradient are skipped.</summary>
public abstract class Optimizer : IDisposable
{
    /// <summary>Holds <paramref name="parameters"/> (not owned: disposing the optimizer leaves them alone).</summary>
    /// <exception cref="ArgumentException">no parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a learning rate that is not a positive finite number.</exception>
    protected Optimizer(IEnumerable<Parameter> parameters, double learningRate)
    {
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0) throw new ArgumentException("an optimizer needs at least one parameter", nameof(parameters));
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be a positive finite number");
        LearningRate = learningRate;
    }

    /// <summary>The parameters updated, in the order given; their index is the one <see cref="Update"/> and the state lists use.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Settable so a schedule can change it between steps.</summary>
    public double LearningRate { get; set; }

    /// <summary>Steps taken so far; Adam's bias correction counts from 1. Set only when a checkpoint is loaded.</summary>
    public int Steps { get; internal set; }

    /// <summary>Per-parameter state tensors by PyTorch's names ("exp_avg", "momentum_buffer"), each list in parameter
    /// order, so a checkpoint can save and restore them in place.</summary>
    protected internal virtual IEnumerable<(string Name, IReadOnlyList<Tensor> Tensors)> State => [];

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void Step()
    {
        Steps++;
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].Grad is { } grad) Update(i, Parameters[i].Value, grad);
        }
    }

    /// <summary>Clears every parameter's gradient; call before each backward pass, since gradients accumulate.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }

    /// <summary>Writes the new value of parameter <paramref name="index"/> into <paramref name="value"/>.</summary>
    protected abstract void Update(int index, Tensor value, Tensor grad);

    /// <summary>One zero tensor per parameter, shaped, typed and placed like it.</summary>
    protected Tensor[] ZerosLikeParameters() =>
        Parameters.Select(p => Tensor.Zeros(p.Shape, p.Value.DType, p.Value.Device)).ToArray();

    /// <summary>For constructors: throws unless <paramref name="value"/> lies in [0, 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">the value, named <paramref name="name"/>, is outside [0, 1).</exception>
    protected static void CheckRate(double value, string name)
    {
        if (!(value >= 0 && value < 1)) throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1)");
    }

    /// <summary>For constructors: throws unless the weight decay <paramref name="value"/> is a finite number ≥ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a negative or non-finite decay.</exception>
    protected static void CheckDecay(double value)
    {
        if (!(value >= 0) || !double.IsFinite(value)) throw new ArgumentOutOfRangeException("weightDecay", value, "weight decay must be a finite number >= 0");
    }

    /// <summary>Frees the state tensors a subclass keeps (moments, velocities); the parameters stay with their module.</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}
