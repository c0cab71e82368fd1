using Grimoire.Ops;
using static Grimoire.Tensor;

namespace Grimoire.Tests.BadInput;

/// <summary>Misuses of attention, its backward op and gelu's backward op.</summary>
public static class AttentionBadInputCases
{
    private static Tensor F32(params int[] dims) => Ones(new Shape(dims));

    public static IEnumerable<BadInputCase> All()
    {
        yield return new(OpNames.Attention, "rank-3 query", () => ScaledDotProductAttention(F32(2, 5, 8), F32(2, 1, 5, 8), F32(2, 1, 5, 8)), typeof(ShapeException), "[2, 5, 8]", "head_dim");
        yield return new(OpNames.Attention, "key of another head_dim", () => ScaledDotProductAttention(F32(1, 2, 5, 8), F32(1, 2, 5, 4), F32(1, 2, 5, 4)), typeof(ShapeException), "key", "[1, 2, 5, 4]");
        yield return new(OpNames.Attention, "value shorter than the key", () => ScaledDotProductAttention(F32(1, 2, 5, 8), F32(1, 2, 5, 8), F32(1, 2, 4, 8)), typeof(ShapeException), "value", "[1, 2, 4, 8]");
        yield return new(OpNames.Attention, "no tokens", () => ScaledDotProductAttention(F32(1, 2, 0, 8), F32(1, 2, 5, 8), F32(1, 2, 5, 8)), typeof(ShapeException), "at least 1");
        yield return new(OpNames.Attention, "negative cache offset", () => ScaledDotProductAttention(F32(1, 1, 2, 2), F32(1, 1, 2, 2), F32(1, 1, 2, 2), causal: true, offset: -1), typeof(ArgumentOutOfRangeException), "offset");
        yield return new(OpNames.Attention, "infinite scale", () => ScaledDotProductAttention(F32(1, 1, 2, 2), F32(1, 1, 2, 2), F32(1, 1, 2, 2), scale: double.PositiveInfinity), typeof(ArgumentOutOfRangeException), "scale");
        yield return new(OpNames.Attention, "float64 value", () => ScaledDotProductAttention(F32(1, 1, 2, 2), F32(1, 1, 2, 2), Ones(new Shape(1, 1, 2, 2), DType.Float64)), typeof(DTypeException), "f32", "f64");
        yield return new(OpNames.Attention, "packed projection not divisible by 3·heads", () => SelfAttention(F32(2, 4, 20), heads: 3), typeof(ShapeException), "[2, 4, 20]", "3 heads");
        // 50000² scores per head overflow int: the check must come before any allocation or kernel sees the size.
        yield return new(OpNames.Attention, "packed context whose scores pass int range", () => SelfAttention(F32(1, 50_000, 3), heads: 1), typeof(ShapeException), "[1, 50000, 3]", "2500050000");
        yield return new(OpNames.Attention, "query over keys whose scores pass int range", () => ScaledDotProductAttention(F32(1, 1, 50_000, 1), F32(1, 1, 50_000, 1), F32(1, 1, 50_000, 1)), typeof(ShapeException), "[1, 1, 50000, 1]", "2500050000");
        yield return new(OpNames.Attention, "int32 packed projection", () => SelfAttention(Ones(new Shape(1, 2, 6), DType.Int32), heads: 1), typeof(DTypeException), "i32");
        var a = new AttentionAttributes(1, 2, 3, 3, 4, 0.5, true, 0);
        yield return new(OpNames.AttentionBackward, "probabilities of another length", () => AttentionBackward(F32(1, 3, 2, 4), F32(1, 2, 3, 4), F32(1, 2, 3, 4), F32(1, 2, 3, 4), F32(1, 2, 3, 2), a), typeof(ShapeException), "probabilities", "[1, 2, 3, 2]");
        yield return new(OpNames.AttentionBackward, "queries over a longer cache", () => AttentionBackward(F32(1, 3, 2, 4), F32(1, 2, 3, 4), F32(1, 2, 5, 4), F32(1, 2, 5, 4), F32(1, 2, 3, 5), a with { KeyLength = 5 }), typeof(ShapeException), "3 queries over 5 keys");
        yield return new(OpNames.GeluBackward, "shapes that do not broadcast", () => GeluBackward(F32(2, 3), F32(4), approximate: false), typeof(ShapeException), "[2, 3]", "[4]");
        yield return new(OpNames.GeluBackward, "int32 input", () => GeluBackward(Ones(new Shape(2), DType.Int32), Ones(new Shape(2), DType.Int32), approximate: true), typeof(DTypeException), "i32");
    }
}
