namespace Grimoire;

/// <summary>The one check every tensor passes when it is made: its view (shape, strides, offset) addresses only
/// elements of its storage. Kernels and native code walk a tensor by its shape and strides alone, so with this
/// invariant no layout an op produces can take them outside the buffer.</summary>
internal static class ViewBounds
{
    /// <exception cref="ShapeException">a stride or the offset is negative, or the last element addressed lies past
    /// the storage (computed in 64-bit arithmetic).</exception>
    public static void Check(Storage storage, Shape shape, int[] strides, int offset)
    {
        if (strides.Length != shape.Rank)
            throw new ShapeException($"view of shape {shape} has {strides.Length} strides");
        if (offset < 0) throw new ShapeException($"view of shape {shape} starts at negative offset {offset}");
        if (shape.Size == 0) return;
        long last = offset;
        for (var i = 0; i < strides.Length; i++)
        {
            if (strides[i] < 0) throw new ShapeException($"view of shape {shape} has negative stride {strides[i]} on axis {i}");
            last += (long)(shape[i] - 1) * strides[i];
        }
        if (last >= storage.Length)
            throw new ShapeException($"view of shape {shape} with strides [{string.Join(", ", strides)}] and offset {offset} reaches element {last} of a storage of {storage.Length} elements");
    }
}
