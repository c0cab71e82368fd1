using Grimoire.Ops;
using static Grimoire.Tensor;

namespace Grimoire.Tests.BadInput;

/// <summary>Misuses of every kernel op. Tensors are built inside each action so a case owns what it creates.</summary>
public static class BadInputCases
{
    private static Tensor F32(params int[] dims) => Ones(new Shape(dims));

    private static Tensor I32(params int[] values) => FromArray(values);

    private static IEnumerable<BadInputCase> Unary()
    {
        foreach (var op in OpNames.Unary)
        {
            yield return new(op, "int32 input", () => ApplyUnary(op, I32(1, 2)), typeof(DTypeException), op, "i32");
        }
    }

    private static Tensor ApplyUnary(string op, Tensor x) => op switch
    {
        OpNames.Neg => x.Neg(),
        OpNames.Exp => x.Exp(),
        OpNames.Log => x.Log(),
        OpNames.Sqrt => x.Sqrt(),
        OpNames.Abs => x.Abs(),
        OpNames.Tanh => x.Tanh(),
        OpNames.Sigmoid => x.Sigmoid(),
        OpNames.Relu => x.Relu(),
        OpNames.LeakyRelu => x.LeakyRelu(),
        OpNames.Sin => x.Sin(),
        OpNames.Cos => x.Cos(),
        OpNames.Log1p => x.Log1p(),
        OpNames.Expm1 => x.Expm1(),
        OpNames.Erf => x.Erf(),
        OpNames.Gelu => x.Gelu(),
        OpNames.Silu => x.Silu(),
        OpNames.Softplus => x.Softplus(),
        OpNames.Clamp => x.Clamp(0, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a unary op"),
    };

    private static Tensor ApplyBinary(string op, Tensor a, Tensor b) => op switch
    {
        OpNames.Add => a.Add(b),
        OpNames.Sub => a.Sub(b),
        OpNames.Mul => a.Mul(b),
        OpNames.Div => a.Div(b),
        OpNames.Maximum => a.Maximum(b),
        OpNames.Pow => a.Pow(b),
        OpNames.Minimum => a.Minimum(b),
        OpNames.Eq => a.Eq(b),
        OpNames.Ne => a.Ne(b),
        OpNames.Lt => a.Lt(b),
        OpNames.Le => a.Le(b),
        OpNames.Gt => a.Gt(b),
        OpNames.Ge => a.Ge(b),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary op"),
    };

    private static IEnumerable<BadInputCase> FunctionAttributes()
    {
        yield return new(OpNames.Clamp, "no bound", () => F32(2).Clamp(), typeof(ArgumentException), "at least one of min and max");
        yield return new(OpNames.Clamp, "NaN bound", () => F32(2).Clamp(max: double.NaN), typeof(ArgumentOutOfRangeException), "Max", "NaN");
        yield return new(OpNames.Softplus, "zero beta", () => F32(2).Softplus(beta: 0), typeof(ArgumentOutOfRangeException), "beta", "positive");
        yield return new(OpNames.Softplus, "NaN threshold", () => F32(2).Softplus(threshold: double.NaN), typeof(ArgumentOutOfRangeException), "threshold", "NaN");
    }

    private static IEnumerable<BadInputCase> Binary()
    {
        foreach (var op in OpNames.Binary.Concat(OpNames.Compare))
        {
            yield return new(op, "shapes that do not broadcast", () => ApplyBinary(op, F32(2, 3), F32(4, 3)), typeof(ShapeException), "[2, 3]", "[4, 3]");
            yield return new(op, "mixed dtypes", () => ApplyBinary(op, F32(2), Ones(new Shape(2), DType.Float64)), typeof(DTypeException), "f32", "f64");
        }
    }

    public static IEnumerable<BadInputCase> All()
    {
        foreach (var c in Unary()) yield return c;
        foreach (var c in Binary()) yield return c;
        foreach (var c in FunctionAttributes()) yield return c;

        yield return new(OpNames.Where, "condition that does not broadcast", () => Where(F32(5), F32(2, 3), F32(2, 3)), typeof(ShapeException), "[5]", "[2, 3]");
        yield return new(OpNames.Where, "branches of different dtypes", () => Where(F32(2), F32(2), Ones(new Shape(2), DType.Float64)), typeof(DTypeException), "f32", "f64");

        yield return new(OpNames.Sum, "axis out of range", () => F32(2, 3).Sum(2), typeof(ShapeException), "axis 2", "[2, 3]");
        yield return new(OpNames.Sum, "repeated axis", () => F32(2, 3).Sum([1, -1]), typeof(ShapeException), "[1, -1]", "[2, 3]");
        yield return new(OpNames.Max, "empty tensor", () => F32(0, 3).Max(), typeof(ShapeException), "empty", "[0, 3]");
        yield return new(OpNames.Max, "axis out of range", () => F32(4).Max(-2), typeof(ShapeException), "axis -2", "[4]");
        yield return new(OpNames.ArgMax, "empty axis", () => F32(3, 0).ArgMax(1), typeof(ShapeException), "axis 1", "[3, 0]");
        yield return new(OpNames.ArgMax, "axis out of range", () => F32(3).ArgMax(1), typeof(ShapeException), "axis 1", "[3]");

        yield return new(OpNames.Copy, "destination of another shape", () => F32(2, 3).CopyTo(F32(3, 2)), typeof(ShapeException), "[2, 3]", "[3, 2]");
        yield return new(OpNames.Cast, "undefined dtype", () => F32(2).To((DType)77), typeof(DTypeException), "77");
        yield return new(OpNames.Concat, "no tensors", () => Concat([], 0), typeof(ArgumentException), "at least one");
        yield return new(OpNames.Concat, "shapes differ off the axis", () => Concat([F32(2, 3), F32(2, 4)], 0), typeof(ShapeException), "[2, 3]", "[2, 4]");
        yield return new(OpNames.Concat, "axis out of range", () => Concat([F32(2, 3), F32(2, 3)], 2), typeof(ShapeException), "axis 2");
        yield return new(OpNames.Gather, "index out of range", () => F32(4, 2).Gather(0, I32(0, 4)), typeof(ShapeException), "index 4", "[0, 4)");
        yield return new(OpNames.Gather, "negative index", () => F32(4, 2).Gather(0, I32(-1)), typeof(ShapeException), "index -1");
        yield return new(OpNames.Gather, "float indices", () => F32(4, 2).Gather(0, F32(2)), typeof(ShapeException), "i32", "f32");
        yield return new(OpNames.ScatterAdd, "index past the target size", () => F32(2, 3).ScatterAdd(0, I32(0, 5), 4), typeof(ShapeException), "index 5", "[0, 4)");
        yield return new(OpNames.ScatterAdd, "index count differs from the axis", () => F32(2, 3).ScatterAdd(1, I32(0, 1), 4), typeof(ShapeException), "2 indices", "[2, 3]");

        yield return new(OpNames.Unfold, "input not NCHW", () => F32(3, 4, 4).Unfold(2, 2), typeof(ShapeException), "[3, 4, 4]");
        yield return new(OpNames.Unfold, "kernel larger than the padded image", () => F32(1, 1, 3, 3).Unfold(5, 5, padding: 0), typeof(ShapeException), "5x5", "[1, 1, 3, 3]");
        yield return new(OpNames.Unfold, "zero stride", () => F32(1, 1, 3, 3).Unfold(2, 2, stride: 0), typeof(ArgumentOutOfRangeException), "stride");
        yield return new(OpNames.Fold, "rows not a whole number of kernels", () => F32(1, 7, 4).Fold(3, 3, 2, 2), typeof(ShapeException), "7", "2x2");
        yield return new(OpNames.Fold, "positions do not match the image", () => F32(1, 4, 5).Fold(3, 3, 2, 2), typeof(ShapeException), "[1, 4, 5]", "[1, 4, 4]");
        yield return new(OpNames.MaxPool2d, "input neither NCHW nor CHW", () => F32(4, 4).MaxPool2d(2), typeof(ShapeException), "[4, 4]");
        yield return new(OpNames.MaxPool2d, "window larger than the image", () => F32(1, 1, 3, 3).MaxPool2d(4), typeof(ShapeException), "4x4", "[1, 1, 3, 3]");
        yield return new(OpNames.MaxPool2d, "padding over half the window", () => F32(1, 1, 6, 6).MaxPool2d(2, padding: 2), typeof(ArgumentOutOfRangeException), "padding", "half");
        yield return new(OpNames.MaxPool2d, "zero stride", () => F32(1, 1, 6, 6).MaxPool2d(2, stride: 0), typeof(ArgumentOutOfRangeException), "stride");
        yield return new(OpNames.MaxPool2d, "int32 input", () => Ones(new Shape(1, 1, 4, 4), DType.Int32).MaxPool2d(2), typeof(DTypeException), "i32");
        yield return new(OpNames.MaxPool2dBackward, "gradient shape does not match the pooling", () => MaxPool2dBackward(F32(1, 2, 3, 3), F32(1, 2, 4, 4), F32(1, 2, 2, 2), 2), typeof(ShapeException), "gradient", "[1, 2, 3, 3]", "[1, 2, 2, 2]");
        yield return new(OpNames.MaxPool2dBackward, "pooled output shape does not match the pooling", () => MaxPool2dBackward(F32(1, 2, 2, 2), F32(1, 2, 4, 4), F32(1, 2, 4, 4), 2), typeof(ShapeException), "output", "[1, 2, 4, 4]");
        yield return new(OpNames.MaxPool2dBackward, "gradient dtype differs from the input", () => MaxPool2dBackward(Ones(new Shape(1, 1, 2, 2), DType.Float64), F32(1, 1, 4, 4), F32(1, 1, 2, 2), 2), typeof(DTypeException), "f64", "f32");
        yield return new(OpNames.Conv2d, "channel mismatch", () => F32(1, 3, 5, 5).Conv2d(F32(2, 4, 3, 3)), typeof(ShapeException), "[1, 3, 5, 5]", "[2, 4, 3, 3]");
        yield return new(OpNames.Conv2d, "groups that do not divide the input channels", () => F32(1, 3, 5, 5).Conv2d(F32(2, 1, 3, 3), groups: 2), typeof(ShapeException), "2 groups", "3 input channels");
        yield return new(OpNames.Conv2d, "groups that do not divide the output channels", () => F32(1, 4, 5, 5).Conv2d(F32(3, 2, 3, 3), groups: 2), typeof(ShapeException), "2 groups", "3 output channels");
        yield return new(OpNames.Conv2d, "weight channels per group do not match", () => F32(1, 4, 5, 5).Conv2d(F32(2, 4, 3, 3), groups: 2), typeof(ShapeException), "[1, 4, 5, 5]", "[2, 4, 3, 3]", "per group");
        yield return new(OpNames.Conv2d, "zero groups", () => F32(1, 4, 5, 5).Conv2d(F32(2, 4, 3, 3), groups: 0), typeof(ArgumentOutOfRangeException), "groups");
        yield return new(OpNames.Conv2d, "zero dilation", () => F32(1, 4, 5, 5).Conv2d(F32(2, 4, 3, 3), dilation: 0), typeof(ArgumentOutOfRangeException), "dilation");
        yield return new(OpNames.Conv2d, "dilated kernel larger than the padded image", () => F32(4, 5, 5).Conv2d(F32(2, 4, 3, 3), dilation: 3), typeof(ShapeException), "dilation 3", "[1, 4, 5, 5]");
        yield return new(OpNames.Conv2d, "input neither NCHW nor CHW", () => F32(5, 5).Conv2d(F32(2, 4, 3, 3)), typeof(ShapeException), "[5, 5]");
        yield return new(OpNames.Conv2d, "bias of the wrong length", () => F32(1, 3, 5, 5).Conv2d(F32(2, 3, 3, 3), F32(3)), typeof(ShapeException), "[2]", "[3]");
        yield return new(OpNames.Conv2d, "float64 weight with a float32 input", () => F32(1, 3, 5, 5).Conv2d(Ones(new Shape(2, 3, 3, 3), DType.Float64)), typeof(DTypeException), "f32", "f64");
        yield return new(OpNames.Conv2dBackwardInput, "gradient shape does not match the convolution", () => Conv2dBackwardInput(F32(1, 2, 4, 4), F32(2, 3, 3, 3), new Shape(1, 3, 5, 5)), typeof(ShapeException), "gradient", "[1, 2, 4, 4]", "[1, 2, 3, 3]");
        yield return new(OpNames.Conv2dBackwardInput, "weight channels do not match the input", () => Conv2dBackwardInput(F32(1, 2, 3, 3), F32(2, 4, 3, 3), new Shape(1, 3, 5, 5)), typeof(ShapeException), "[2, 4, 3, 3]", "[2, 3, 3, 3]");
        yield return new(OpNames.Conv2dBackwardInput, "input shape not NCHW", () => Conv2dBackwardInput(F32(1, 2, 3, 3), F32(2, 3, 3, 3), new Shape(3, 5, 5)), typeof(ShapeException), "[3, 5, 5]");
        yield return new(OpNames.Conv2dBackwardInput, "groups that do not divide the channels", () => Conv2dBackwardInput(F32(1, 2, 3, 3), F32(2, 1, 3, 3), new Shape(1, 3, 5, 5), groups: 2), typeof(ShapeException), "2 groups", "3 input channels");
        yield return new(OpNames.Conv2dBackwardWeight, "gradient shape does not match the convolution", () => Conv2dBackwardWeight(F32(1, 2, 5, 5), F32(1, 3, 5, 5), new Shape(2, 3, 3, 3)), typeof(ShapeException), "gradient", "[1, 2, 5, 5]", "[1, 2, 3, 3]");
        yield return new(OpNames.Conv2dBackwardWeight, "gradient dtype differs from the input", () => Conv2dBackwardWeight(Ones(new Shape(1, 2, 3, 3), DType.Float64), F32(1, 3, 5, 5), new Shape(2, 3, 3, 3)), typeof(DTypeException), "f64", "f32");
        yield return new(OpNames.Conv2dBackwardWeight, "zero stride", () => Conv2dBackwardWeight(F32(1, 2, 3, 3), F32(1, 3, 5, 5), new Shape(2, 3, 3, 3), stride: 0), typeof(ArgumentOutOfRangeException), "stride");
        yield return new(OpNames.MatMul, "inner dimensions differ", () => F32(2, 3).MatMul(F32(4, 5)), typeof(ShapeException), "[2, 3]", "[4, 5]", "3 vs 4");
        yield return new(OpNames.MatMul, "scalar operand", () => Scalar(2).MatMul(F32(3, 2)), typeof(ShapeException), "rank", "[3, 2]");
        yield return new(OpNames.MatMul, "vector whose length differs from the rows", () => F32(4).MatMul(F32(3, 2)), typeof(ShapeException), "[1, 4]", "[3, 2]");
        yield return new(OpNames.MatMul, "batch dimensions that do not broadcast", () => F32(2, 2, 3).MatMul(F32(3, 3, 4)), typeof(ShapeException), "[2]", "[3]");
        yield return new(OpNames.MatMul, "int32 operands", () => Ones(new Shape(2, 2), DType.Int32).MatMul(Ones(new Shape(2, 2), DType.Int32)), typeof(DTypeException), "i32");
        yield return new(OpNames.Linear, "input's last axis differs from the weight's rows", () => F32(2, 3).Linear(F32(4, 5)), typeof(ShapeException), "[2, 3]", "[4, 5]");
        yield return new(OpNames.Linear, "batched weight", () => F32(2, 3).Linear(F32(2, 3, 5)), typeof(ShapeException), "[2, 3, 5]");
        yield return new(OpNames.Linear, "bias of the wrong length", () => F32(2, 3).Linear(F32(3, 5), F32(4)), typeof(ShapeException), "[5]", "[4]");
        yield return new(OpNames.Linear, "undefined activation", () => F32(2, 3).Linear(F32(3, 5), null, (Activation)42), typeof(ArgumentOutOfRangeException), "activation");
        yield return new(OpNames.Linear, "float64 bias with float32 operands", () => F32(2, 3).Linear(F32(3, 5), Ones(new Shape(5), DType.Float64)), typeof(DTypeException), "f64");

        yield return new(OpNames.Softmax, "axis out of range", () => F32(2, 3).Softmax(2), typeof(ShapeException), "axis 2", "[2, 3]");
        yield return new(OpNames.Softmax, "int32 input", () => I32(1, 2).Softmax(), typeof(DTypeException), "i32");
        yield return new(OpNames.LogSoftmax, "axis out of range", () => F32(3).LogSoftmax(-2), typeof(ShapeException), "axis -2", "[3]");
        yield return new(OpNames.CrossEntropy, "labels of the wrong length", () => F32(4, 3).CrossEntropy(I32(0, 1)), typeof(ShapeException), "[4]", "[2]");
        yield return new(OpNames.CrossEntropy, "float labels", () => F32(2, 3).CrossEntropy(F32(2)), typeof(DTypeException), "i32", "f32");
        yield return new(OpNames.CrossEntropy, "label past the class count", () => F32(2, 3).CrossEntropy(I32(0, 3)), typeof(ShapeException), "index 3", "[0, 3)");
        yield return new(OpNames.CrossEntropy, "logits of rank 1", () => F32(3).CrossEntropy(I32(0)), typeof(ShapeException), "[n, classes]", "[3]");
        yield return new(OpNames.Mse, "shapes differ", () => F32(2, 3).Mse(F32(3, 2)), typeof(ShapeException), "[2, 3]", "[3, 2]");
        yield return new(OpNames.Mse, "int32 inputs", () => I32(1, 2).Mse(I32(1, 2)), typeof(DTypeException), "i32");
        yield return new(OpNames.AvgPool2d, "input neither NCHW nor CHW", () => F32(4, 4).AvgPool2d(2), typeof(ShapeException), "[4, 4]");
        yield return new(OpNames.AvgPool2d, "window larger than the padded image", () => F32(1, 1, 3, 3).AvgPool2d(4, padding: 0), typeof(ShapeException), "4x4", "[1, 1, 3, 3]");
        yield return new(OpNames.AvgPool2d, "padding over half the window", () => F32(1, 6, 6).AvgPool2d(3, padding: 2), typeof(ArgumentOutOfRangeException), "padding", "half");
        yield return new(OpNames.AvgPool2d, "zero stride", () => F32(1, 1, 6, 6).AvgPool2d(2, stride: 0), typeof(ArgumentOutOfRangeException), "stride");
        yield return new(OpNames.AvgPool2d, "int32 input", () => Ones(new Shape(1, 1, 4, 4), DType.Int32).AvgPool2d(2), typeof(DTypeException), "i32");
        yield return new(OpNames.AvgPool2dBackward, "gradient shape does not match the pooling", () => AvgPool2dBackward(F32(1, 2, 3, 3), new Shape(1, 2, 4, 4), 2), typeof(ShapeException), "gradient", "[1, 2, 3, 3]", "[1, 2, 2, 2]");
        yield return new(OpNames.CumSum, "axis out of range", () => F32(2, 3).CumSum(2), typeof(ShapeException), "axis 2", "[2, 3]");
        yield return new(OpNames.CumSum, "negative axis out of range", () => F32(4).CumSum(-2, reverse: true), typeof(ShapeException), "axis -2", "[4]");
        yield return new(OpNames.CumSum, "int32 input", () => I32(1, 2).CumSum(0), typeof(DTypeException), "i32");
        foreach (var c in FusedBadInputCases.All()) yield return c;
        foreach (var c in RecurrentBadInputCases.All()) yield return c;
        foreach (var c in AttentionBadInputCases.All()) yield return c;
    }
}
