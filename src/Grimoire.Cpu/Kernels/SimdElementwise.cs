using System.Runtime.CompilerServices;
using Grimoire.Cpu.Simd;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>Unary, binary, comparison and where kernels for float32 at width <typeparamref name="TW"/>:
/// vector body, scalar tail through <see cref="Vec1"/>, rows split over cores when large.</summary>
internal static unsafe class SimdElementwise<TW, TV> where TW : IVec<TV> where TV : struct
{
    public static void Unary<TF>(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) where TF : IUnaryFunction =>
        Parameterised<WithAlpha<TF>>(inputs, output, attributes);

    /// <summary>A unary function of two parameters from the attributes (<see cref="UnaryParameters"/>).</summary>
    public static void Parameterised<TF>(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) where TF : IParameterisedFunction
    {
        if (StreamingStores.Pays(output.Size)) Unary<TF, StreamingStores>(inputs[0], output, attributes);
        else Unary<TF, CachedStores>(inputs[0], output, attributes);
    }

    public static void Binary<TF>(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) where TF : IBinaryFunction
    {
        if (StreamingStores.Pays(output.Size)) Binary<TF, StreamingStores>(inputs[0], inputs[1], output);
        else Binary<TF, CachedStores>(inputs[0], inputs[1], output);
    }

    private static void Unary<TF, TS>(Tensor input, Tensor output, object? attributes) where TF : IParameterisedFunction where TS : IStorePolicy
    {
        var x = input.HostPointer<float>();
        var y = output.HostPointer<float>();
        var (pd, qd) = UnaryParameters.Of(attributes);
        var (p1, q1) = ((float)pd, (float)qd);
        CpuParallel.For(output.Size, CpuParallel.MinElementsPerThread, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
        {
            var (p, q) = (TW.Splat(p1), TW.Splat(q1));
            var i = start;
            for (; i < end && !StreamingStores.Aligned<TW, TV>(y + i); i++) y[i] = TF.Apply<Vec1, float>(x[i], p1, q1);
            for (; i <= end - TW.Count; i += TW.Count) TS.Store<TW, TV>(y + i, TF.Apply<TW, TV>(TW.Load(x + i), p, q));
            for (; i < end; i++) y[i] = TF.Apply<Vec1, float>(x[i], p1, q1);
            TS.Finish();
        });
    }

    private static void Binary<TF, TS>(Tensor left, Tensor right, Tensor output) where TF : IBinaryFunction where TS : IStorePolicy
    {
        var layout = StridedLayout.Of(output, left, right);
        var y = output.HostPointer<float>() - output.Offset;
        var a = left.HostPointer<float>() - left.Offset;
        var b = right.HostPointer<float>() - right.Offset;
        var (sa, sb, n) = (layout.InnerStride(1), layout.InnerStride(2), layout.Inner);
        // Dense operands merge into a few long rows; cut those into pieces so every core gets work.
        var pieces = layout.Rows >= CpuParallel.Threads ? 1 : Math.Clamp(n / CpuParallel.MinElementsPerThread, 1, CpuParallel.Threads);
        var minPerChunk = pieces > 1 ? 1 : CpuParallel.MinItemsPerChunk(n);
        CpuParallel.For(layout.Rows * pieces, minPerChunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (p0, p1) =>
        {
            Span<long> off = stackalloc long[3];
            for (var p = p0; p < p1; p++)
            {
                layout.RowOffsets(p / pieces, off);
                var (i0, i1) = ((int)((long)n * (p % pieces) / pieces), (int)((long)n * (p % pieces + 1) / pieces));
                BinaryRow<TF, TS>(y + off[0] + i0, a + off[1] + (long)i0 * sa, sa, b + off[2] + (long)i0 * sb, sb, i1 - i0);
            }
            TS.Finish();
        });
    }

    public static void Where(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var layout = StridedLayout.Of(output, inputs[0], inputs[1], inputs[2]);
        var y = output.HostPointer<float>() - output.Offset;
        var a = inputs[0].HostPointer<float>() - inputs[0].Offset;
        var b = inputs[1].HostPointer<float>() - inputs[1].Offset;
        var c = inputs[2].HostPointer<float>() - inputs[2].Offset;
        var (sa, sb, sc, n) = (layout.InnerStride(1), layout.InnerStride(2), layout.InnerStride(3), layout.Inner);
        var dense = sa == 1 && sb == 1 && sc == 1;
        CpuParallel.For(layout.Rows, CpuParallel.MinItemsPerChunk(n), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            Span<long> off = stackalloc long[4];
            for (var r = r0; r < r1; r++)
            {
                layout.RowOffsets(r, off);
                float* yr = y + off[0], ar = a + off[1], br = b + off[2], cr = c + off[3];
                var i = 0;
                if (dense)
                {
                    for (; i <= n - TW.Count; i += TW.Count)
                        TW.Store(yr + i, TW.Select(TW.Equal(TW.Load(cr + i), TW.Splat(0f)), TW.Load(br + i), TW.Load(ar + i)));
                }
                for (; i < n; i++) yr[i] = cr[(long)i * sc] != 0 ? ar[(long)i * sa] : br[(long)i * sb];
            }
        });
    }

    /// <summary>One row: vector paths for dense or broadcast-scalar operands (after a scalar head that aligns
    /// the output for streaming stores), strided scalar otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BinaryRow<TF, TS>(float* y, float* a, int sa, float* b, int sb, int n) where TF : IBinaryFunction where TS : IStorePolicy
    {
        var i = 0;
        if (sa is 0 or 1 && sb is 0 or 1 && sa + sb > 0)
        {
            for (; i < n && !StreamingStores.Aligned<TW, TV>(y + i); i++) y[i] = TF.Apply<Vec1, float>(a[(long)i * sa], b[(long)i * sb]);
            if (sa == 1 && sb == 1)
            {
                for (; i <= n - TW.Count; i += TW.Count) TS.Store<TW, TV>(y + i, TF.Apply<TW, TV>(TW.Load(a + i), TW.Load(b + i)));
            }
            else if (sa == 1)
            {
                var vb = TW.Splat(*b);
                for (; i <= n - TW.Count; i += TW.Count) TS.Store<TW, TV>(y + i, TF.Apply<TW, TV>(TW.Load(a + i), vb));
            }
            else
            {
                var va = TW.Splat(*a);
                for (; i <= n - TW.Count; i += TW.Count) TS.Store<TW, TV>(y + i, TF.Apply<TW, TV>(va, TW.Load(b + i)));
            }
        }
        for (; i < n; i++) y[i] = TF.Apply<Vec1, float>(a[(long)i * sa], b[(long)i * sb]);
    }

}
