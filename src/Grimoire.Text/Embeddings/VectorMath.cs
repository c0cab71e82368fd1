using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Grimoire.Kernels;

namespace Grimoire.Text.Embeddings;

/// <summary>The dot product and scaled add the embedding trainers run on every (word, context) pair, on short rows
/// (dimension 50-300): 512-bit lanes where the JIT accelerates them, else 256-bit, else scalar. Inlined into the
/// training loops, which is why these are hand loops rather than TensorPrimitives calls (one call per row of 100 floats
/// costs as much as the arithmetic).</summary>
internal static unsafe class VectorMath
{
    /// <summary>Σ a[i]·b[i] on the widest lanes this machine runs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* a, float* b, int n) =>
        Vector512.IsHardwareAccelerated ? Dot512(a, b, n) : Vector256.IsHardwareAccelerated ? Dot256(a, b, n) : DotScalar(a, b, 0, n, 0f);

    /// <summary>y[i] += s·x[i] on the widest lanes this machine runs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(float* y, float s, float* x, int n)
    {
        if (Vector512.IsHardwareAccelerated) AddScaled512(y, s, x, n);
        else if (Vector256.IsHardwareAccelerated) AddScaled256(y, s, x, n);
        else AddScaledScalar(y, s, x, 0, n);
    }

    /// <summary><see cref="Dot(float*, float*, int)"/> on the lanes of <paramref name="isa"/>, for tests of each path.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Isa isa)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(b.Length, a.Length);
        fixed (float* pa = a, pb = b)
            return isa switch { Isa.Avx512 => Dot512(pa, pb, a.Length), Isa.Avx2 => Dot256(pa, pb, a.Length), _ => DotScalar(pa, pb, 0, a.Length, 0f) };
    }

    /// <summary><see cref="AddScaled(float*, float, float*, int)"/> on the lanes of <paramref name="isa"/>, for tests.</summary>
    public static void AddScaled(Span<float> y, float s, ReadOnlySpan<float> x, Isa isa)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(x.Length, y.Length);
        fixed (float* py = y, px = x)
        {
            if (isa == Isa.Avx512) AddScaled512(py, s, px, y.Length);
            else if (isa == Isa.Avx2) AddScaled256(py, s, px, y.Length);
            else AddScaledScalar(py, s, px, 0, y.Length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot512(float* a, float* b, int n)
    {
        var acc = Vector512<float>.Zero;
        var i = 0;
        for (; i <= n - 16; i += 16) acc = Vector512.FusedMultiplyAdd(Vector512.Load(a + i), Vector512.Load(b + i), acc);
        return DotScalar(a, b, i, n, Vector512.Sum(acc));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot256(float* a, float* b, int n)
    {
        var acc = Vector256<float>.Zero;
        var i = 0;
        for (; i <= n - 8; i += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), acc);
        return DotScalar(a, b, i, n, Vector256.Sum(acc));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float DotScalar(float* a, float* b, int from, int n, float sum)
    {
        for (var i = from; i < n; i++) sum = MathF.FusedMultiplyAdd(a[i], b[i], sum);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled512(float* y, float s, float* x, int n)
    {
        var scale = Vector512.Create(s);
        var i = 0;
        for (; i <= n - 16; i += 16) Vector512.FusedMultiplyAdd(scale, Vector512.Load(x + i), Vector512.Load(y + i)).Store(y + i);
        AddScaledScalar(y, s, x, i, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled256(float* y, float s, float* x, int n)
    {
        var scale = Vector256.Create(s);
        var i = 0;
        for (; i <= n - 8; i += 8) Vector256.FusedMultiplyAdd(scale, Vector256.Load(x + i), Vector256.Load(y + i)).Store(y + i);
        AddScaledScalar(y, s, x, i, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaledScalar(float* y, float s, float* x, int from, int n)
    {
        for (var i = from; i < n; i++) y[i] = MathF.FusedMultiplyAdd(s, x[i], y[i]);
    }
}
