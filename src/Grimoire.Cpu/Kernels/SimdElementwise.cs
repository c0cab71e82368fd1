using Grimoire.Cpu.Simd;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>Unary, binary, comparison and where kernels for float32 at width <typeparamref name="TW"/>:
/// vector body, scalar tail through <see cref="Vec1"/>, rows split over cores when large.</summary>
internal static unsafe class SimdElementwise<TW, TV> where TW : IVec<TV> where TV : struct
{
    public static void Unary<TF>(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) where TF : IUnaryFunction
    {
        var x = inputs[0].HostPointer<float>();
        var y = output.HostPointer<float>();
        var alpha = (float)((attributes as UnaryAttributes)?.Alpha ?? 0);
        CpuParallel.For(output.Size, CpuParallel.MinElementsPerThread, (start, end) =>
        {
            var (a, a1) = (TW.Splat(alpha), alpha);
            var i = start;
            for (; i <= end - TW.Count; i += TW.Count) TW.Store(y + i, TF.Apply<TW, TV>(TW.Load(x + i), a));
            for (; i < end; i++) y[i] = TF.Apply<Vec1, float>(x[i], a1);
        });
    }

    public static void Binary<TF>(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes) where TF : IBinaryFunction
    {
        var layout = StridedLayout.Of(output, inputs[0], inputs[1]);
        var y = output.HostPointer<float>() - output.Offset;
        var a = inputs[0].HostPointer<float>() - inputs[0].Offset;
        var b = inputs[1].HostPointer<float>() - inputs[1].Offset;
        var (sa, sb, n) = (layout.InnerStride(1), layout.InnerStride(2), layout.Inner);
        CpuParallel.For(layout.Rows, Math.Max(1, CpuParallel.MinElementsPerThread / Math.Max(1, n)), (r0, r1) =>
        {
            Span<long> off = stackalloc long[3];
            for (var r = r0; r < r1; r++)
            {
                layout.RowOffsets(r, off);
                BinaryRow<TF>(y + off[0], a + off[1], sa, b + off[2], sb, n);
            }
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
        CpuParallel.For(layout.Rows, Math.Max(1, CpuParallel.MinElementsPerThread / Math.Max(1, n)), (r0, r1) =>
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

    /// <summary>One row: vector paths for dense or broadcast-scalar operands, strided scalar otherwise.</summary>
    private static void BinaryRow<TF>(float* y, float* a, int sa, float* b, int sb, int n) where TF : IBinaryFunction
    {
        var i = 0;
        if (sa == 1 && sb == 1)
        {
            for (; i <= n - TW.Count; i += TW.Count) TW.Store(y + i, TF.Apply<TW, TV>(TW.Load(a + i), TW.Load(b + i)));
        }
        else if (sa == 1 && sb == 0)
        {
            var vb = TW.Splat(*b);
            for (; i <= n - TW.Count; i += TW.Count) TW.Store(y + i, TF.Apply<TW, TV>(TW.Load(a + i), vb));
        }
        else if (sa == 0 && sb == 1)
        {
            var va = TW.Splat(*a);
            for (; i <= n - TW.Count; i += TW.Count) TW.Store(y + i, TF.Apply<TW, TV>(va, TW.Load(b + i)));
        }
        for (; i < n; i++) y[i] = TF.Apply<Vec1, float>(a[(long)i * sa], b[(long)i * sb]);
    }
}
