using Grimoire.Autograd;
using Grimoire.Ml.Models;
using Grimoire.Nn;

namespace Grimoire.Models.Networks;

/// <summary>A network's parameters and buffers as model-file arrays, and back. Loading checks that the arrays are
/// exactly the network's (names, shapes, finite values) before writing anything, so a refused file leaves it as built.</summary>
internal static class NetworkState
{
    /// <summary>Every parameter and buffer by dotted name, widened to float64 (exact for float32 and int32).</summary>
    public static IReadOnlyDictionary<string, ModelArray> Arrays(ModuleBase network)
    {
        var arrays = new Dictionary<string, ModelArray>();
        foreach (var (name, tensor) in Entries(network))
        {
            using var host = tensor.To(Device.Cpu);
            using var wide = host.To(DType.Float64);
            arrays[name] = new ModelArray(tensor.Shape.ToArray(), wide.ToArray<double>());
        }
        return arrays;
    }

    /// <summary>Copies <paramref name="state"/>'s arrays into <paramref name="network"/>.</summary>
    /// <exception cref="Grimoire.Ml.ModelException">an array is missing, extra, of another shape, not finite, or not representable in
    /// the tensor's dtype.</exception>
    public static void Load(ModuleBase network, ModelState state)
    {
        var entries = Entries(network).ToList();
        state.RequireOnlyArrays([.. entries.Select(e => e.Name)]);
        var values = new List<(Tensor Value, Tensor Target)>();
        try
        {
            foreach (var (name, target) in entries) values.Add((Value(state, name, target), target));
            using (GradMode.NoGrad())
                foreach (var (value, target) in values) value.CopyTo(target);
        }
        finally
        {
            foreach (var (value, _) in values) value.Dispose();
        }
    }

    private static IEnumerable<(string Name, Tensor Tensor)> Entries(ModuleBase network) =>
        network.NamedParameters().Select(p => (p.Name, p.Parameter.Value)).Concat(network.NamedBuffers());

    private static Tensor Value(ModelState state, string name, Tensor target)
    {
        var shape = target.Shape.ToArray();
        var values = state.Shaped(name, shape);
        if (target.DType == DType.Int32)
        {
            if (values.Any(v => v != Math.Round(v) || v < int.MinValue || v > int.MaxValue))
                throw state.Invalid($"array '{name}' must hold integers, as the network's int32 buffer does");
            return Tensor.FromArray(Array.ConvertAll(values, v => (int)v), target.Shape, target.Device);
        }
        if (target.DType == DType.Float32)
        {
            if (values.Any(v => Math.Abs(v) > float.MaxValue))
                throw state.Invalid($"array '{name}' holds a value beyond float32's range");
            return Tensor.FromArray(Array.ConvertAll(values, v => (float)v), target.Shape, target.Device);
        }
        return Tensor.FromArray(values, target.Shape, target.Device);
    }
}
