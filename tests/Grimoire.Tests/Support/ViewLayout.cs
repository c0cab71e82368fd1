namespace Grimoire.Tests.Support;

/// <summary>How a generated input lies in memory: the logical tensor is a view of a larger buffer, reached by slicing
/// each stored axis (a leading offset and a step), permuting the stored axes into logical order (<see cref="Order"/>[i]
/// is the logical axis stored at position i) and expanding <see cref="Broadcast"/> axes with stride 0. The buffer's
/// other elements hold a sentinel (NaN, or a large negative int), so a kernel that reads outside its view, or
/// ignores an offset, a gap or a stride, computes something else than the reference.</summary>
public sealed record ViewLayout(int[] Order, int[] Steps, int[] Leads, bool[] Broadcast)
{
    private const int IntSentinel = -1_000_003;

    public static ViewLayout Contiguous(int rank) =>
        new([.. Enumerable.Range(0, rank)], [.. Enumerable.Repeat(1, rank)], new int[rank], new bool[rank]);

    public bool IsContiguous =>
        Order.Select((axis, i) => axis == i).All(x => x) && Steps.All(s => s == 1) && Leads.All(l => l == 0) && !Broadcast.Any(b => b);

    /// <summary><paramref name="values"/> (row-major for <paramref name="shape"/>) made constant along the broadcast
    /// axes, each element taking the value at index 0 of them: the only values a broadcast view can hold.</summary>
    public double[] Canonical(Shape shape, double[] values)
    {
        if (!Broadcast.Any(b => b)) return values;
        var strides = shape.ContiguousStrides();
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = values[Source(shape, strides, i)];
        return result;
    }

    /// <summary>A tensor on <paramref name="device"/> holding <paramref name="values"/> in this layout; the view ops run on
    /// that device, so its kernels meet the strides too.</summary>
    /// <exception cref="ArgumentException">the values vary along a broadcast axis (see <see cref="Canonical"/>).</exception>
    public Tensor Build(Shape shape, double[] values, DType dtype, Device device)
    {
        if (!Canonical(shape, values).SequenceEqual(values))
            throw new ArgumentException($"values vary along a broadcast axis of {Describe()}; pass them through Canonical first");
        var rank = shape.Rank;
        var reduced = new Shape([.. Enumerable.Range(0, rank).Select(i => IsBroadcast(shape, i) ? 1 : shape[i])]);
        var stored = new Shape([.. Order.Select(axis => reduced[axis])]);
        var buffer = new Shape([.. Enumerable.Range(0, rank).Select(i => Leads[i] + stored[i] * Steps[i])]);
        var sentinel = dtype == DType.Int32 ? IntSentinel : double.NaN;
        using var scope = new TensorScope();
        var big = TensorSpec.FromValues([.. Enumerable.Repeat(sentinel, buffer.Size)], buffer, dtype).To(device);
        var window = big;
        for (var i = 0; i < rank; i++) window = window.Slice(i, Leads[i], Leads[i] + stored[i] * Steps[i], Steps[i]);
        var reducedValues = ReducedValues(shape, reduced, values);
        TensorSpec.FromValues(reducedValues, reduced, dtype).To(device).Permute(Order).CopyTo(window);
        var inverse = new int[rank];
        for (var i = 0; i < rank; i++) inverse[Order[i]] = i;
        return scope.Keep(window.Permute(inverse).Expand(shape.ToArray()));
    }

    public string Describe() => IsContiguous ? "contiguous"
        : $"order [{string.Join(",", Order)}] steps [{string.Join(",", Steps)}] leads [{string.Join(",", Leads)}] broadcast [{string.Join(",", Broadcast.Select(b => b ? 1 : 0))}]";

    private bool IsBroadcast(Shape shape, int axis) => Broadcast[axis] && shape[axis] > 1;

    /// <summary>Row-major index of the element whose value element <paramref name="index"/> takes: its broadcast coordinates set to 0.</summary>
    private int Source(Shape shape, int[] strides, int index)
    {
        var source = 0;
        for (var axis = 0; axis < shape.Rank; axis++)
        {
            var coordinate = index / strides[axis] % Math.Max(1, shape[axis]);
            if (!IsBroadcast(shape, axis)) source += coordinate * strides[axis];
        }
        return source;
    }

    private double[] ReducedValues(Shape shape, Shape reduced, double[] values)
    {
        var (strides, reducedStrides) = (shape.ContiguousStrides(), reduced.ContiguousStrides());
        var result = new double[reduced.Size];
        for (var i = 0; i < result.Length; i++)
        {
            var full = 0;
            for (var axis = 0; axis < reduced.Rank; axis++) full += i / reducedStrides[axis] % Math.Max(1, reduced[axis]) * strides[axis];
            result[i] = values[full];
        }
        return result;
    }
}
