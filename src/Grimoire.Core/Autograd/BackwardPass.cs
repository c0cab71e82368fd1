namespace Grimoire.Autograd;

/// <summary>One reverse-mode pass over the recorded graph below some roots. Each node's rule runs once, with the sum
/// of the gradients reaching its output. Unless the pass builds a graph of its own (createGraph), every gradient and
/// every temporary of a rule is released as soon as it has been used, so a pass over a long unrolled graph holds a
/// few gradients at a time instead of all of them until the enclosing scope ends; and unless retainGraph, the nodes
/// it ran are released afterwards.</summary>
internal sealed class BackwardPass
{
    private readonly bool _createGraph;
    private readonly Dictionary<Tensor, Tensor> _pending = new(ReferenceEqualityComparer.Instance);

    private BackwardPass(bool createGraph) => _createGraph = createGraph;

    /// <summary>Runs the pass from <paramref name="roots"/> (each with its seed gradient). Gradients that reach a leaf
    /// requiring them are added to its <see cref="Tensor.Grad"/> when <paramref name="accumulate"/>; the gradients
    /// of <paramref name="wanted"/> are returned, null where none flows.</summary>
    public static Tensor?[] Run(Tensor[] roots, Tensor[] seeds, bool retainGraph, bool createGraph, bool accumulate, Tensor[] wanted)
    {
        var pass = new BackwardPass(createGraph);
        var order = TopologicalOrder(roots);
        var results = new Tensor?[wanted.Length];
        using (GradMode.Recording(createGraph))
        {
            for (var i = 0; i < roots.Length; i++) pass.Add(roots[i], pass.Own(seeds[i]));
            foreach (var t in order)
            {
                if (!pass._pending.Remove(t, out var g)) continue;
                var w = Array.FindIndex(wanted, x => ReferenceEquals(x, t));
                if (w >= 0) results[w] = pass.Own(g);
                if (t.Node is null)
                {
                    if (accumulate) t.AccumulateGrad(g);
                }
                else pass.Propagate(t.Node, g);
                pass.Release(g);
            }
        }
        if (!retainGraph)
        {
            foreach (var t in order) t.Node?.Release();
        }
        return results;
    }

    /// <summary>Runs a node's rule and adds what it gives each input to that input's pending gradient. Without
    /// createGraph the rule's temporaries (masks, intermediate products) live only for the call.</summary>
    private void Propagate(GradNode node, Tensor g)
    {
        Tensor?[] grads;
        using (var scope = _createGraph ? null : new TensorScope())
        {
            grads = node.Backward(g);
            for (var i = 0; i < grads.Length; i++)
            {
                if (grads[i] is not { } ig) continue;
                if (ig.Shape != node.Inputs[i].Shape)
                    throw new InvalidOperationException($"internal error: gradient rule of '{node.Op}' gave shape {ig.Shape} for input {i} of shape {node.Inputs[i].Shape}");
                grads[i] = Own(ig);
            }
        }
        for (var i = 0; i < grads.Length; i++)
        {
            if (grads[i] is { } ig) Add(node.Inputs[i], ig);
        }
    }

    private void Add(Tensor input, Tensor gradient)
    {
        if (!_pending.Remove(input, out var sum))
        {
            _pending[input] = gradient;
            return;
        }
        _pending[input] = Sum(sum, gradient);
        Release(sum);
        Release(gradient);
    }

    /// <summary>a + b as the pass's own tensor: the op's result would otherwise stay with the caller's scope.</summary>
    private Tensor Sum(Tensor a, Tensor b)
    {
        if (_createGraph) return a + b;
        using var scope = new TensorScope();
        return Own(a + b);
    }

    /// <summary>A tensor object of the pass's own for <paramref name="t"/>'s elements (a new view, no copy), so that
    /// releasing it never disposes what a rule returned twice, the caller's seed, or an input. With createGraph the
    /// gradients are graph nodes of the caller's, so they stay the tensors the ops made.</summary>
    private Tensor Own(Tensor t)
    {
        if (_createGraph) return t;
        var view = t.Detach();
        TensorScope.Untrack(view);
        return view;
    }

    private void Release(Tensor t)
    {
        if (!_createGraph) t.Dispose();
    }

    /// <summary>Tensors reachable from <paramref name="roots"/> through recorded ops, each after every tensor computed
    /// from it: computed tensors latest-recorded first, then the leaves. A depth-first order would also do, but it can
    /// leave a gradient pending for the whole pass (the input branch of every step of an unrolled recurrence, all held
    /// until the recurrence is unwound); in reverse recording order each is used as soon as its consumers are done.</summary>
    private static List<Tensor> TopologicalOrder(Tensor[] roots)
    {
        var reached = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Tensor>(roots);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (!reached.Add(t) || t.Node is not { } node) continue;
            if (node.IsReleased)
                throw new AutogradException($"backward through '{node.Op}' (output {t.Shape}) a second time: the first Backward released this graph; " +
                    "pass retainGraph: true to the first Backward to run it again");
            for (var i = 0; i < node.Inputs.Length; i++)
            {
                var input = node.Inputs[i];
                if (input.DisposedInGraph)
                    throw new DisposedTensorException($"backward through '{node.Op}': its input {i} of shape {input.Shape} was disposed before Backward ran; " +
                        "dispose a graph's tensors after Backward (a TensorScope around the whole step does)");
                if (input.RequiresGrad) stack.Push(input);
            }
        }
        return [.. reached.Where(t => t.Node is not null).OrderByDescending(t => t.Node!.Sequence), .. reached.Where(t => t.Node is null)];
    }
}
