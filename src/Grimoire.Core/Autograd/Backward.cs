using Grimoire.Autograd;
using Grimoire.Diagnostics;

namespace Grimoire;

public sealed partial class Tensor
{
    /// <summary>Reverse-mode autodiff from this tensor: adds d(this)/d(leaf) to <see cref="Grad"/> of every
    /// leaf that requires gradients. A non-scalar root needs <paramref name="seed"/> (the gradient of some
    /// scalar with respect to it).</summary>
    public void Backward(Tensor? seed = null)
    {
        if (IsDisposed) throw new DisposedTensorException($"Backward() on a disposed tensor of shape {Shape}");
        if (!RequiresGrad) throw new AutogradException($"tensor of shape {Shape} does not require gradients: no leaf it depends on has RequiresGrad set");
        if (seed is null && Size != 1) throw new AutogradException($"Backward() without a seed needs a scalar (one element), but the tensor has shape {Shape}");
        if (seed is not null && seed.Shape != Shape) throw new ShapeException($"seed gradient shape {seed.Shape} does not match tensor shape {Shape}");

        using var noGrad = GradMode.NoGrad();
        using var section = OpProfile.Section("backward");
        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance)
        {
            [this] = seed ?? Ones(Shape, DType, Device),
        };
        foreach (var t in TopologicalOrder())
        {
            if (!grads.Remove(t, out var g)) continue;
            if (t.Node is null)
            {
                t.AccumulateGrad(g);
                continue;
            }
            var inputGrads = t.Node.Backward(g);
            for (var i = 0; i < inputGrads.Length; i++)
            {
                if (inputGrads[i] is not { } ig) continue;
                var input = t.Node.Inputs[i];
                if (ig.Shape != input.Shape)
                    throw new InvalidOperationException($"internal error: gradient rule of '{t.Node.Op}' gave shape {ig.Shape} for input {i} of shape {input.Shape}");
                grads[input] = grads.TryGetValue(input, out var acc) ? acc + ig : ig;
            }
        }
    }

    /// <summary>Clears the accumulated gradient.</summary>
    public void ZeroGrad()
    {
        Grad?.Dispose();
        Grad = null;
    }

    private void AccumulateGrad(Tensor g)
    {
        if (!_requiresGrad) return;
        var sum = Grad is null ? g.Contiguous(copy: true) : Grad + g;
        TensorScope.Untrack(sum); // the leaf owns its gradient beyond any scope
        Grad?.Dispose();
        Grad = sum;
    }

    /// <summary>Tensors reachable through recorded ops, each after every tensor computed from it.</summary>
    private List<Tensor> TopologicalOrder()
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor T, bool Expanded)>();
        stack.Push((this, false));
        while (stack.Count > 0)
        {
            var (t, expanded) = stack.Pop();
            if (expanded)
            {
                order.Add(t);
                continue;
            }
            if (!visited.Add(t)) continue;
            stack.Push((t, true));
            if (t.Node is null) continue;
            for (var i = 0; i < t.Node.Inputs.Length; i++)
            {
                var input = t.Node.Inputs[i];
                if (input._disposedInGraph)
                    throw new DisposedTensorException($"backward through '{t.Node.Op}': its input {i} of shape {input.Shape} was disposed before Backward ran; " +
                        "dispose a graph's tensors after Backward (a TensorScope around the whole step does)");
                if (input.RequiresGrad && !visited.Contains(input)) stack.Push((input, false));
            }
        }
        order.Reverse();
        return order;
    }
}
