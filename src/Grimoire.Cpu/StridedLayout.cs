namespace Grimoire.Cpu;

/// <summary>Equal-shaped operands with arbitrary strides, with adjacent axes merged wherever every operand
/// allows it, so most loops see one long inner row per outer index.</summary>
internal sealed class StridedLayout
{
    private readonly int[] _dims;
    private readonly int[][] _strides;
    private readonly int[] _offsets;

    private StridedLayout(int[] dims, int[][] strides, int[] offsets)
    {
        _dims = dims;
        _strides = strides;
        _offsets = offsets;
        Inner = dims[^1];
        var rows = 1;
        for (var i = 0; i < dims.Length - 1; i++) rows *= dims[i];
        Rows = Inner == 0 ? 0 : rows;
    }

    /// <summary>Length of each row.</summary>
    public int Inner { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    public int Operands => _offsets.Length;

    /// <summary>Element stride along the row for operand <paramref name="k"/>.</summary>
    public int InnerStride(int k) => _strides[k][^1];

    public static StridedLayout Of(params ReadOnlySpan<Tensor> operands)
    {
        var shape = operands[0].Shape;
        var dims = new List<int>();
        var strides = new List<int>[operands.Length];
        for (var k = 0; k < operands.Length; k++) strides[k] = [];
        for (var axis = 0; axis < shape.Rank; axis++)
        {
            if (shape[axis] == 1) continue; // size-1 axes never move the offset
            var merge = dims.Count > 0;
            for (var k = 0; k < operands.Length && merge; k++)
                merge = strides[k][^1] == operands[k].Strides[axis] * shape[axis];
            if (merge)
            {
                dims[^1] *= shape[axis];
                for (var k = 0; k < operands.Length; k++) strides[k][^1] = operands[k].Strides[axis];
            }
            else
            {
                dims.Add(shape[axis]);
                for (var k = 0; k < operands.Length; k++) strides[k].Add(operands[k].Strides[axis]);
            }
        }
        if (dims.Count == 0)
        {
            dims.Add(shape.Size);
            for (var k = 0; k < operands.Length; k++) strides[k].Add(1);
        }
        var offsets = new int[operands.Length];
        for (var k = 0; k < operands.Length; k++) offsets[k] = operands[k].Offset;
        return new StridedLayout([.. dims], [.. strides.Select(s => s.ToArray())], offsets);
    }

    /// <summary>Element offset of the first element of <paramref name="row"/> for each operand.</summary>
    public void RowOffsets(int row, Span<long> offsets)
    {
        for (var k = 0; k < offsets.Length; k++) offsets[k] = _offsets[k];
        for (var axis = _dims.Length - 2; axis >= 0 && row > 0; axis--)
        {
            var i = row % _dims[axis];
            row /= _dims[axis];
            for (var k = 0; k < offsets.Length; k++) offsets[k] += (long)i * _strides[k][axis];
        }
    }
}
