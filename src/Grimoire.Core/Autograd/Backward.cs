using Grimoire.Autograd;
using Grimoire.Diagnostics;

namespace Grimoire;

public sealed partial class Tensor
{
    /// <summary>Reverse-mode autodiff from this tensor: adds d(this)/d(leaf) to <see cref="Grad"/> of every
    /// leaf that requires gradients. A non-scalar root needs <paramref name="seed"/> (the gradient of some
    /// scalar with respect to it). The pass releases its intermediate gradients as it goes and, unless
    /// <paramref name="retainGraph"/>, the graph's rules afterwards (a second Backward through it is then an error).
    /// With <paramref name="createGraph"/> the gradients are themselves recorded, so a function of <see cref="Grad"/>
    /// can be differentiated again (Hessian-vector products); the graph is then retained.</summary>
    public void Backward(Tensor? seed = null, bool retainGraph = false, bool createGraph = false)
    {
        var s = SeedFor(this, seed);
        using var section = OpProfile.Section("backward");
        BackwardPass.Run([this], [s], retainGraph || createGraph, createGraph, accumulate: true, wanted: []);
    }

    /// <summary>The gradients of the sum of <paramref name="outputs"/> (each weighted by its seed; scalars need none)
    /// with respect to <paramref name="inputs"/>, which may be leaves or computed tensors, without touching any
    /// <see cref="Grad"/>. An entry is null when no gradient flows to that input. With <paramref name="createGraph"/>
    /// the results are recorded, so they can be differentiated again: the gradient of g·v gives a Hessian-vector
    /// product. The graph is released afterwards unless <paramref name="retainGraph"/> or <paramref name="createGraph"/>.</summary>
    public static Tensor?[] Gradients(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?>? seeds = null,
        bool retainGraph = false, bool createGraph = false)
    {
        if (outputs.Count == 0) throw new ArgumentException("Gradients needs at least one output", nameof(outputs));
        if (seeds is not null && seeds.Count != outputs.Count)
            throw new ArgumentException($"Gradients got {seeds.Count} seeds for {outputs.Count} outputs", nameof(seeds));
        foreach (var input in inputs)
        {
            if (!input.RequiresGrad) throw new AutogradException($"Gradients with respect to a tensor of shape {input.Shape} that does not require gradients");
        }
        var roots = outputs.ToArray();
        var s = roots.Select((o, i) => SeedFor(o, seeds?[i])).ToArray();
        using var section = OpProfile.Section("backward");
        var grads = BackwardPass.Run(roots, s, retainGraph || createGraph, createGraph, accumulate: false, wanted: [.. inputs]);
        foreach (var g in grads)
        {
            if (g is not null) TensorScope.Track(g); // the caller's, like any op's result
        }
        return grads;
    }

    /// <summary>Clears the accumulated gradient.</summary>
    public void ZeroGrad()
    {
        Grad?.Dispose();
        Grad = null;
    }

    /// <summary>Adds <paramref name="g"/> to this leaf's gradient (a copy of its own, which the leaf owns beyond any scope).</summary>
    internal void AccumulateGrad(Tensor g)
    {
        if (!_requiresGrad) return;
        var sum = Grad is null ? g.Contiguous(copy: true) : Grad + g;
        TensorScope.Untrack(sum);
        Grad?.Dispose();
        Grad = sum;
    }

    /// <summary>The seed of a backward pass from <paramref name="root"/>: the given one, checked, or 1 for a scalar.</summary>
    private static Tensor SeedFor(Tensor root, Tensor? seed)
    {
        if (root.IsDisposed) throw new DisposedTensorException($"backward from a disposed tensor of shape {root.Shape}");
        if (!root.RequiresGrad) throw new AutogradException($"tensor of shape {root.Shape} does not require gradients: no leaf it depends on has RequiresGrad set");
        if (seed is null && root.Size != 1) throw new AutogradException($"backward without a seed needs a scalar (one element), but the tensor has shape {root.Shape}");
        if (seed is not null && seed.Shape != root.Shape) throw new ShapeException($"seed gradient shape {seed.Shape} does not match tensor shape {root.Shape}");
        return seed ?? Ones(root.Shape, root.DType, root.Device);
    }
}
