using Grimoire.Ops;
using static Grimoire.Tensor;

namespace Grimoire.Tests.BadInput;

/// <summary>Misuses of the fused recurrent cells and their backward ops.</summary>
public static class RecurrentBadInputCases
{
    private static Tensor F32(params int[] dims) => Ones(new Shape(dims));

    public static IEnumerable<BadInputCase> All()
    {
        yield return new(OpNames.LstmCell, "hidden gates of another width", () => LstmCell(F32(2, 8), F32(2, 6), F32(2, 2)), typeof(ShapeException), "hidden gates", "[2, 6]", "[2, 8]");
        yield return new(OpNames.LstmCell, "rank-1 cell state", () => LstmCell(F32(2, 8), F32(2, 8), F32(2)), typeof(ShapeException), "previous state", "[2]");
        yield return new(OpNames.LstmCell, "float64 cell state", () => LstmCell(F32(2, 8), F32(2, 8), Ones(new Shape(2, 2), DType.Float64)), typeof(DTypeException), "f32", "f64");
        yield return new(OpNames.GruCell, "input gates of the LSTM's width", () => GruCell(F32(2, 8), F32(2, 6), F32(2, 2)), typeof(ShapeException), "input gates", "[2, 8]", "[2, 6]");
        yield return new(OpNames.GruCell, "int32 state", () => GruCell(Ones(new Shape(1, 3), DType.Int32), Ones(new Shape(1, 3), DType.Int32), Ones(new Shape(1, 1), DType.Int32)), typeof(DTypeException), "i32");
        yield return new(OpNames.LstmCellBackward, "saved output of a GRU step", () => LstmCellBackward(F32(2, 3), F32(2, 3), F32(2, 3), F32(4, 2, 3)), typeof(ShapeException), "saved forward output", "[4, 2, 3]", "[6, 2, 3]");
        yield return new(OpNames.GruCellBackward, "hidden gates of another batch", () => GruCellBackward(F32(2, 3), F32(2, 3), F32(1, 9), F32(4, 2, 3)), typeof(ShapeException), "hidden gates", "[1, 9]");
        yield return new(OpNames.GruCellBackward, "rank-1 previous state", () => GruCellBackward(F32(3), F32(3), F32(1, 9), F32(4, 1, 3)), typeof(ShapeException), "previous state", "[3]");
    }
}
