namespace Grimoire.Gpu.Kernels;

/// <summary>Six axis sizes or strides (a fixed-size kernel argument: ILGPU passes structs by value, arrays only as device buffers).</summary>
public struct Axes
{
    /// <summary>Outermost to innermost.</summary>
    public int A0, A1, A2, A3, A4, A5;

    internal int this[int axis]
    {
        readonly get => axis switch { 0 => A0, 1 => A1, 2 => A2, 3 => A3, 4 => A4, _ => A5 };
        set
        {
            switch (axis)
            {
                case 0: A0 = value; break;
                case 1: A1 = value; break;
                case 2: A2 = value; break;
                case 3: A3 = value; break;
                case 4: A4 = value; break;
                default: A5 = value; break;
            }
        }
    }
}

/// <summary>The shape of an elementwise op's index space and the strides of up to three operands over it, passed to the
/// kernel by value. Axes that every operand walks contiguously are merged and size-1 axes dropped before it is built, so a
/// broadcast over tensors of any rank usually needs two or three axes; the rest are padded in front with size 1.</summary>
public struct StridedLayout
{
    /// <summary>Axes a kernel argument holds; <see cref="StridedBlocks"/> loops over any further leading axes on the host.</summary>
    public const int MaxRank = 6;

    /// <summary>Axis sizes, and each operand's strides along them.</summary>
    public Axes Dims, Strides0, Strides1, Strides2;

    /// <summary>Element offset of row-major index <paramref name="linear"/> in operand <paramref name="operand"/>: five
    /// divisions, unrolled (the outermost axis needs none).</summary>
    public readonly int Offset(int linear, int operand)
    {
        var s = operand == 0 ? Strides0 : operand == 1 ? Strides1 : Strides2;
        var offset = linear % Dims.A5 * s.A5;
        linear /= Dims.A5;
        offset += linear % Dims.A4 * s.A4;
        linear /= Dims.A4;
        offset += linear % Dims.A3 * s.A3;
        linear /= Dims.A3;
        offset += linear % Dims.A2 * s.A2;
        linear /= Dims.A2;
        offset += linear % Dims.A1 * s.A1;
        linear /= Dims.A1;
        return offset + linear * s.A0;
    }
}

/// <summary>Splits an elementwise launch over operands with a common shape into blocks a <see cref="StridedLayout"/> can
/// describe: one block unless more than <see cref="StridedLayout.MaxRank"/> axes remain after merging, then one per index
/// of the extra leading axes.</summary>
internal static class StridedBlocks
{
    /// <param name="layout">The inner axes.</param>
    /// <param name="offsets">Each operand's element offset for this block.</param>
    /// <param name="first">Row-major index of the block's first element.</param>
    /// <param name="count">Elements in the block.</param>
    public delegate void Launch(in StridedLayout layout, ReadOnlySpan<int> offsets, int first, int count);

    /// <summary>Calls <paramref name="launch"/> per block of the index space of <paramref name="operands"/>[0]'s shape.</summary>
    public static void ForEach(ReadOnlySpan<Tensor> operands, Launch launch)
    {
        var (dims, strides) = Merged(operands);
        var lead = Math.Max(0, dims.Count - StridedLayout.MaxRank);
        var layout = new StridedLayout();
        for (var axis = 0; axis < StridedLayout.MaxRank; axis++)
        {
            var from = axis - (StridedLayout.MaxRank - (dims.Count - lead));
            layout.Dims[axis] = from >= 0 ? dims[lead + from] : 1;
            for (var j = 0; j < strides.Length; j++)
            {
                var value = from >= 0 ? strides[j][lead + from] : 0;
                if (j == 0) layout.Strides0[axis] = value;
                else if (j == 1) layout.Strides1[axis] = value;
                else layout.Strides2[axis] = value;
            }
        }
        var count = 1;
        for (var axis = lead; axis < dims.Count; axis++) count *= dims[axis];
        var blocks = 1;
        for (var axis = 0; axis < lead; axis++) blocks *= dims[axis];
        Span<int> offsets = stackalloc int[operands.Length];
        for (var block = 0; block < blocks; block++)
        {
            offsets.Clear();
            for (int axis = lead - 1, rest = block; axis >= 0; axis--)
            {
                var index = rest % dims[axis];
                rest /= dims[axis];
                for (var j = 0; j < offsets.Length; j++) offsets[j] += index * strides[j][axis];
            }
            launch(layout, offsets, block * count, count);
        }
    }

    /// <summary>Axes without size-1 ones, an axis merged into the next wherever every operand steps over it as one run.</summary>
    private static (List<int> Dims, List<int>[] Strides) Merged(ReadOnlySpan<Tensor> operands)
    {
        if (operands.Length > 3) throw new ArgumentException("a strided layout holds at most three operands");
        var shape = operands[0].Shape;
        var dims = new List<int>();
        var strides = new List<int>[operands.Length];
        for (var j = 0; j < strides.Length; j++) strides[j] = [];
        for (var axis = 0; axis < shape.Rank; axis++)
        {
            if (shape[axis] == 1) continue;
            var last = dims.Count - 1;
            var merge = last >= 0;
            for (var j = 0; j < strides.Length && merge; j++) merge = strides[j][last] == (long)operands[j].Strides[axis] * shape[axis];
            if (merge)
            {
                dims[last] *= shape[axis];
                for (var j = 0; j < strides.Length; j++) strides[j][last] = operands[j].Strides[axis];
                continue;
            }
            dims.Add(shape[axis]);
            for (var j = 0; j < strides.Length; j++) strides[j].Add(operands[j].Strides[axis]);
        }
        return (dims, strides);
    }
}
