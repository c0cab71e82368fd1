using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>Float32 max pooling and its gradient with AVX-512 for the 2x2 window with stride 2 and no padding, the
/// pooling of nearly every CNN; other geometries go to <see cref="MaxPool{T}"/>. Sixteen windows at a time: the two
/// input rows' 32 pixels in two vectors each, a vertical max, a max with the pair-swapped vector, and the even lanes
/// packed into one vector of results. Row ends use masked loads and stores, which never touch memory outside the
/// mask. The gradient goes to each window's first pixel equal to the pooled value, by lane masks instead of a
/// per-window scan; windows do not overlap, so the gradient rows are stored rather than accumulated.</summary>
internal static unsafe class MaxPool2x2Avx512
{
    private static readonly Vector512<int> SwapPairIndices = Vector512.Create(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
    private static readonly Vector512<float> OddLanes = Vector512.Create(0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1).AsSingle();

    private static bool Applies(UnfoldGeometry g) => g is { KernelHeight: 2, KernelWidth: 2, Stride: 2, Padding: 0 };

    public static void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var g = (UnfoldGeometry)attributes!;
        if (!Applies(g))
        {
            MaxPool<float>.Forward(inputs, output, attributes);
            return;
        }
        var (x, y) = ((nint)inputs[0].HostPointer<float>(), (nint)output.HostPointer<float>());
        PoolWindows.ForEachPlane(g, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (plane, _) =>
        {
            var src = (float*)x + (long)plane * g.Height * g.Width;
            var dst = (float*)y + (long)plane * g.OutHeight * g.OutWidth;
            for (var oy = 0; oy < g.OutHeight; oy++)
            {
                float* row0 = src + 2 * oy * g.Width, row1 = row0 + g.Width, pooled = dst + oy * g.OutWidth;
                for (var ox = 0; ox < g.OutWidth; ox += 16)
                {
                    var n = Math.Min(16, g.OutWidth - ox);
                    var (low, high, windows) = Masks(n);
                    var lowMax = Vector512.Max(Avx512F.MaskLoad(row0 + 2 * ox, low, default), Avx512F.MaskLoad(row1 + 2 * ox, low, default));
                    var highMax = Vector512.Max(Avx512F.MaskLoad(row0 + 2 * ox + 16, high, default), Avx512F.MaskLoad(row1 + 2 * ox + 16, high, default));
                    var packed = Vector512.Narrow(PairMax(lowMax).AsUInt64(), PairMax(highMax).AsUInt64()).AsSingle();
                    Avx512F.MaskStore(pooled + ox, windows, packed);
                }
            }
        });
    }

    /// <summary>Inputs: gradient [n, c, ho, wo], x [n, c, h, w] and pooled y [n, c, ho, wo]; the output arrives zeroed.</summary>
    public static void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var g = (UnfoldGeometry)attributes!;
        if (!Applies(g))
        {
            MaxPool<float>.Backward(inputs, output, attributes);
            return;
        }
        var (grad, x, pooled, dx) = ((nint)inputs[0].HostPointer<float>(), (nint)inputs[1].HostPointer<float>(), (nint)inputs[2].HostPointer<float>(), (nint)output.HostPointer<float>());
        PoolWindows.ForEachPlane(g, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (plane, _) =>
        {
            var pixels = (long)plane * g.Height * g.Width;
            var windowBase = (long)plane * g.OutHeight * g.OutWidth;
            for (var oy = 0; oy < g.OutHeight; oy++)
            {
                var rows = 2 * oy * g.Width;
                float* x0 = (float*)x + pixels + rows, x1 = x0 + g.Width, d0 = (float*)dx + pixels + rows, d1 = d0 + g.Width;
                float* maxima = (float*)pooled + windowBase + oy * g.OutWidth, gradient = (float*)grad + windowBase + oy * g.OutWidth;
                for (var ox = 0; ox < g.OutWidth; ox += 16)
                {
                    var n = Math.Min(16, g.OutWidth - ox);
                    var (low, high, windows) = Masks(n);
                    var target = Avx512F.MaskLoad(maxima + ox, windows, default).AsUInt32();
                    var value = Avx512F.MaskLoad(gradient + ox, windows, default).AsUInt32();
                    Route(x0 + 2 * ox, x1 + 2 * ox, d0 + 2 * ox, d1 + 2 * ox, low, Paired(Vector512.WidenLower(target)), Paired(Vector512.WidenLower(value)));
                    Route(x0 + 2 * ox + 16, x1 + 2 * ox + 16, d0 + 2 * ox + 16, d1 + 2 * ox + 16, high, Paired(Vector512.WidenUpper(target)), Paired(Vector512.WidenUpper(value)));
                }
            }
        });
    }

    /// <summary>Eight windows: their pixels in rows x0 and x1 (16 lanes each, pairs of lanes per window), the pooled
    /// value and gradient of each window in both lanes of its pair. Writes the gradient to the first pixel in
    /// row-major order equal to the pooled value (NaN matching NaN), zero to the others.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Route(float* x0, float* x1, float* d0, float* d1, Vector512<float> lanes, Vector512<float> target, Vector512<float> gradient)
    {
        var (top, bottom) = (Avx512F.MaskLoad(x0, lanes, default), Avx512F.MaskLoad(x1, lanes, default));
        var targetIsNaN = Vector512.IsNaN(target);
        var (hitTop, hitBottom) = (Vector512.Equals(top, target) | (Vector512.IsNaN(top) & targetIsNaN), Vector512.Equals(bottom, target) | (Vector512.IsNaN(bottom) & targetIsNaN));
        var (pairTop, pairBottom) = (SwapPairs(hitTop), SwapPairs(hitBottom));
        // A right-hand pixel loses to a hit on its left; the bottom row loses to any hit in the top row.
        var firstTop = Vector512.AndNot(hitTop, pairTop & OddLanes);
        var firstBottom = Vector512.AndNot(Vector512.AndNot(hitBottom, pairBottom & OddLanes), hitTop | pairTop);
        Avx512F.MaskStore(d0, lanes, firstTop & gradient);
        Avx512F.MaskStore(d1, lanes, firstBottom & gradient);
    }

    /// <summary>Loads for the left 16 pixels, the right 16 pixels and the n ≤ 16 windows of a chunk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> Low, Vector512<float> High, Vector512<float> Windows) Masks(int n)
    {
        var lanes = Vector512<int>.Indices;
        return (Vector512.LessThan(lanes, Vector512.Create(2 * n)).AsSingle(), Vector512.LessThan(lanes, Vector512.Create(2 * n - 16)).AsSingle(),
            Vector512.LessThan(lanes, Vector512.Create(n)).AsSingle());
    }

    /// <summary>Each lane of a pair holds the pair's maximum (NaN if either is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PairMax(Vector512<float> v) => Vector512.Max(v, SwapPairs(v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> SwapPairs(Vector512<float> v) => Avx512F.PermuteVar16x32(v, SwapPairIndices);

    /// <summary>Eight 32-bit values, widened into 64-bit lanes, copied into both halves: one per pair of float lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Paired(Vector512<ulong> widened) => (widened | (widened << 32)).AsSingle();
}
