namespace Grimoire.Cpu.Reference;

/// <summary>Reads and writes one element of a host tensor as double, whatever its dtype, so each reference
/// kernel is written once for every dtype and computes in double precision.</summary>
internal static unsafe class Element
{
    public static double Get(Tensor t, long offset) => t.DType switch
    {
        DType.Float32 => ((float*)((HostStorage)t.Storage).Pointer)[offset],
        DType.Float64 => ((double*)((HostStorage)t.Storage).Pointer)[offset],
        _ => ((int*)((HostStorage)t.Storage).Pointer)[offset],
    };

    public static void Set(Tensor t, long offset, double value)
    {
        var p = ((HostStorage)t.Storage).Pointer;
        switch (t.DType)
        {
            case DType.Float32: ((float*)p)[offset] = (float)value; break;
            case DType.Float64: ((double*)p)[offset] = value; break;
            default: ((int*)p)[offset] = int.CreateSaturating(value); break;
        }
    }

    /// <summary>Storage offset of the element with row-major index <paramref name="linear"/>.</summary>
    public static long OffsetOf(Tensor t, int linear)
    {
        long offset = t.Offset;
        for (var axis = t.Rank - 1; axis >= 0; axis--)
        {
            var d = t.Shape[axis];
            offset += (long)(linear % d) * t.Strides[axis];
            linear /= d;
        }
        return offset;
    }

    public static double At(Tensor t, int linear) => Get(t, OffsetOf(t, linear));
}
