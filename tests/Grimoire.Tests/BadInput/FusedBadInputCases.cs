using Grimoire.Autograd;
using Grimoire.Ops;
using static Grimoire.Tensor;

namespace Grimoire.Tests.BadInput;

/// <summary>Misuses of layer_norm, the log-probabilities and adam_update.</summary>
public static class FusedBadInputCases
{
    private static Tensor F32(params int[] dims) => Ones(new Shape(dims));

    private static AdamAttributes Adam(int step = 1) => new(1e-3, 0.9, 0.999, 1e-8, 0, false, step);

    public static IEnumerable<BadInputCase> All()
    {
        yield return new(OpNames.LayerNorm, "input not ending in the normalised shape", () => F32(2, 3).LayerNorm(new Shape(4)), typeof(ShapeException), "[4]", "[2, 3]");
        yield return new(OpNames.LayerNorm, "weight of another shape", () => F32(2, 3).LayerNorm(new Shape(3), F32(2)), typeof(ShapeException), "weight", "[2]");
        yield return new(OpNames.LayerNorm, "empty normalised shape", () => F32(2, 3).LayerNorm(Shape.Scalar), typeof(ShapeException), "non-empty");
        yield return new(OpNames.LayerNorm, "zero epsilon", () => F32(2, 3).LayerNorm(new Shape(3), epsilon: 0), typeof(ArgumentOutOfRangeException), "epsilon");
        yield return new(OpNames.LayerNorm, "int32 input", () => Ones(new Shape(2, 3), DType.Int32).LayerNorm(new Shape(3)), typeof(DTypeException), "i32");
        yield return new(OpNames.NormalLogProb, "shapes that do not broadcast", () => NormalLogProb(F32(2, 3), F32(4, 3), F32(3)), typeof(ShapeException), "[2, 3]", "[4, 3]");
        yield return new(OpNames.NormalLogProb, "mixed dtypes", () => NormalLogProb(F32(2), F32(2), Ones(new Shape(2), DType.Float64)), typeof(DTypeException), "f32", "f64");
        yield return new(OpNames.CategoricalLogProb, "action past the class count", () => F32(2, 3).CategoricalLogProb(FromArray(new[] { 0, 3 })), typeof(ShapeException), "action", "index 3", "[0, 3)");
        yield return new(OpNames.CategoricalLogProb, "negative action", () => F32(2, 3).CategoricalLogProb(FromArray(new[] { -1, 0 })), typeof(ShapeException), "action", "index -1");
        yield return new(OpNames.CategoricalLogProb, "float actions", () => F32(2, 3).CategoricalLogProb(F32(2)), typeof(DTypeException), "i32", "f32");
        yield return new(OpNames.CategoricalLogProb, "actions of the wrong length", () => F32(4, 3).CategoricalLogProb(FromArray(new[] { 0, 1 })), typeof(ShapeException), "[4]", "[2]");
        yield return new(OpNames.AdamUpdate, "moment of another shape", () => AdamUpdate(F32(2, 3), F32(2, 3), F32(3, 2), F32(2, 3), Adam()), typeof(ShapeException), "m", "[3, 2]", "[2, 3]");
        yield return new(OpNames.AdamUpdate, "strided parameter", () => AdamUpdate(F32(3, 2).Transpose(), F32(2, 3), F32(2, 3), F32(2, 3), Adam()), typeof(ShapeException), "param", "strided");
        yield return new(OpNames.AdamUpdate, "m and v sharing memory", () => { var m = F32(4); AdamUpdate(F32(4), F32(4), m, m, Adam()); }, typeof(ShapeException), "v and m share memory");
        yield return new(OpNames.AdamUpdate, "float64 gradient for a float32 parameter", () => AdamUpdate(F32(2), Ones(new Shape(2), DType.Float64), F32(2), F32(2), Adam()), typeof(DTypeException), "f32", "f64");
        yield return new(OpNames.AdamUpdate, "step 0", () => AdamUpdate(F32(2), F32(2), F32(2), F32(2), Adam(step: 0)), typeof(ArgumentOutOfRangeException), "step");
        yield return new(OpNames.AdamUpdate, "parameter requiring gradients while recording", () =>
        {
            var p = F32(2);
            p.RequiresGrad = true;
            AdamUpdate(p, F32(2), F32(2), F32(2), Adam());
        }, typeof(AutogradException), "param", "in place", "NoGrad");
        yield return new(OpNames.AdamUpdate, "moment requiring gradients while recording", () =>
        {
            var m = F32(2);
            m.RequiresGrad = true;
            AdamUpdate(F32(2), F32(2), m, F32(2), Adam());
        }, typeof(AutogradException), "m requires gradients");
    }
}
