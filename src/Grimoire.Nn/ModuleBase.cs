namespace Grimoire.Nn;

/// <summary>What every module has whatever its forward signature (book §9): its own parameters, child modules whose
/// parameters it exposes under "child.name" (as PyTorch's state-dict keys), and a training/evaluation mode for
/// layers such as dropout that act differently while learning. Buffers are state that is saved with the model but
/// not trained (batch norm's running statistics). A module owns its parameters, buffers and children. The forward
/// lives in <see cref="Module{TIn, TOut}"/>, so containers (<see cref="Layers.ModuleList{TModule}"/>) and models with
/// several entry points need none.</summary>
public abstract class ModuleBase : IDisposable
{
    /// <summary>True while training (the default), false after <see cref="Eval"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Parameters this module holds itself, not those of its children.</summary>
    protected virtual IEnumerable<Parameter> OwnParameters => [];

    /// <summary>Non-trainable state this module holds itself (no gradients), named like parameters.</summary>
    protected virtual IEnumerable<(string Name, Tensor Buffer)> OwnBuffers => [];

    /// <summary>Direct children with the name that prefixes their parameters' names.</summary>
    protected virtual IEnumerable<(string Name, ModuleBase Module)> Children => [];

    /// <summary>Every parameter, depth first, with its dotted path ("0.weight").</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters() => Named(m => m.OwnParameters.Select(p => (p.Name, p)));

    /// <summary>Every buffer, depth first, with its dotted path ("1.running_mean").</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers() => Named(m => m.OwnBuffers);

    /// <summary>Every parameter of this module and its children, depth first, in <see cref="NamedParameters"/> order.</summary>
    public IReadOnlyList<Parameter> Parameters() => NamedParameters().Select(np => np.Parameter).ToList();

    /// <summary>Trainable scalars in this module and its children.</summary>
    public int ParameterCount => NamedParameters().Sum(np => np.Parameter.Size);

    /// <summary>Switches this module and its children to training mode; returns this for chaining.</summary>
    public ModuleBase Train() => SetMode(training: true);

    /// <summary>Switches this module and its children to evaluation mode; returns this for chaining.</summary>
    public ModuleBase Eval() => SetMode(training: false);

    /// <summary>Moves every parameter of this module and its children to <paramref name="device"/>; returns this.</summary>
    public ModuleBase To(Device device)
    {
        foreach (var p in Parameters()) p.MoveTo(device);
        return this;
    }

    /// <summary>Clears the gradient of every parameter of this module and its children.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>Disposes the module's parameters, buffers and children. Tensors returned by <see cref="Module{TIn, TOut}.Forward"/>
    /// belong to the caller and are not touched.</summary>
    public virtual void Dispose()
    {
        foreach (var p in OwnParameters) p.Dispose();
        foreach (var (_, b) in OwnBuffers) b.Dispose();
        foreach (var (_, child) in Children) child.Dispose();
        GC.SuppressFinalize(this);
    }

    private IEnumerable<(string Name, T Item)> Named<T>(Func<ModuleBase, IEnumerable<(string Name, T Item)>> own)
    {
        foreach (var item in own(this)) yield return item;
        foreach (var (childName, child) in Children)
        {
            foreach (var (name, item) in child.Named(own)) yield return ($"{childName}.{name}", item);
        }
    }

    private ModuleBase SetMode(bool training)
    {
        Training = training;
        foreach (var (_, child) in Children) child.SetMode(training);
        return this;
    }
}
