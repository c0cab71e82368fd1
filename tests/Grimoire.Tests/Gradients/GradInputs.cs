using FsCheck;
using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gradients;

/// <summary>Inputs of gradient checks: any layout but broadcast. Finite differences move one element at a time,
/// which a stride-0 axis cannot hold, and its repeated values would tie the elements max and pooling must tell apart.</summary>
public static class GradInputs
{
    public static Gen<TensorSpec> Tensor(Shape shape, DType dtype, double low = -3, double high = 3) =>
        Gens.Tensor(shape, dtype, low, high, broadcast: false);

    /// <summary>Values in random order, evenly spaced over [low, high] (each the midpoint of its slot): no two closer than
    /// (high − low) / n, so a finite-difference step never swaps which element is a maximum. Uniform draws met such
    /// near-ties about once in a hundred suite runs.</summary>
    public static Gen<TensorSpec> Distinct(Shape shape, DType dtype, double low = -3, double high = 3) =>
        Tensor(shape, dtype, low, high).Select(t =>
        {
            var order = Enumerable.Range(0, t.Values.Length).OrderBy(i => t.Values[i]).ToArray();
            var values = new double[order.Length];
            for (var rank = 0; rank < order.Length; rank++) values[order[rank]] = low + ((high - low) * (rank + 0.5) / order.Length);
            return t.WithValues(values);
        });

    public static Gen<TensorSpec> AwayFromZero(Shape shape, DType dtype, double gap = 0.3, double high = 3) =>
        Gens.AwayFromZero(shape, dtype, gap, high, broadcast: false);
}
