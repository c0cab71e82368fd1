using System.Runtime.CompilerServices;
using Grimoire.Cpu.Simd;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>The fused LSTM and GRU cells and their backward ops for float32 at width <typeparamref name="TW"/>: one pass over a
/// step's gate pre-activations each way (layouts in <see cref="OpContracts"/>). Each element's arithmetic is one generic
/// function run on vectors in the body and on <see cref="Vec1"/> in the tail, so tails compute what the body does.</summary>
internal static unsafe class SimdRecurrent<TW, TV> where TW : IVec<TV> where TV : struct
{
    /// <summary>Rows of [b, h] split over cores when a step is large enough.</summary>
    private static void Rows(RecurrentCellAttributes a, int widthPerRow, Action<int, int, int> body)
    {
        var h = a.Hidden;
        CpuParallel.For(a.Batch, CpuParallel.MinItemsPerChunk((long)widthPerRow * h), (r0, r1) =>
        {
            for (var row = r0; row < r1; row++) body(row, h, row * h);
        });
    }

    public static void LstmCell(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var a = (RecurrentCellAttributes)attributes!;
        float* x = inputs[0].HostPointer<float>(), hg = inputs[1].HostPointer<float>(), c = inputs[2].HostPointer<float>(), y = output.HostPointer<float>();
        var plane = (long)a.Batch * a.Hidden;
        Rows(a, 10, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row, h, at) =>
        {
            float* xr = x + 4L * at, hr = hg + 4L * at;
            var j = 0;
            for (; j <= h - TW.Count; j += TW.Count) LstmStep<TW, TV>(xr + j, hr + j, h, c + at + j, y + at + j, plane);
            for (; j < h; j++) LstmStep<Vec1, float>(xr + j, hr + j, h, c + at + j, y + at + j, plane);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LstmStep<TX, TA>(float* x, float* hg, int h, float* cPrev, float* y, long plane) where TX : IVec<TA> where TA : struct
    {
        var i = VMath.Sigmoid<TX, TA>(TX.Add(TX.Load(x), TX.Load(hg)));
        var f = VMath.Sigmoid<TX, TA>(TX.Add(TX.Load(x + h), TX.Load(hg + h)));
        var g = VMath.Tanh<TX, TA>(TX.Add(TX.Load(x + 2 * h), TX.Load(hg + 2 * h)));
        var o = VMath.Sigmoid<TX, TA>(TX.Add(TX.Load(x + 3 * h), TX.Load(hg + 3 * h)));
        var c = TX.Fma(f, TX.Load(cPrev), TX.Mul(i, g));
        TX.Store(y, TX.Mul(o, VMath.Tanh<TX, TA>(c)));
        TX.Store(y + plane, c);
        TX.Store(y + 2 * plane, i);
        TX.Store(y + 3 * plane, f);
        TX.Store(y + 4 * plane, g);
        TX.Store(y + 5 * plane, o);
    }

    public static void LstmCellBackward(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var a = (RecurrentCellAttributes)attributes!;
        float* gh = inputs[0].HostPointer<float>(), gc = inputs[1].HostPointer<float>(), cPrev = inputs[2].HostPointer<float>();
        float* saved = inputs[3].HostPointer<float>(), d = output.HostPointer<float>();
        var plane = (long)a.Batch * a.Hidden;
        Rows(a, 13, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row, h, at) =>
        {
            var dr = d + 5L * at;
            var j = 0;
            for (; j <= h - TW.Count; j += TW.Count) LstmBackStep<TW, TV>(gh + at + j, gc + at + j, cPrev + at + j, saved + at + j, plane, dr + j, h);
            for (; j < h; j++) LstmBackStep<Vec1, float>(gh + at + j, gc + at + j, cPrev + at + j, saved + at + j, plane, dr + j, h);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LstmBackStep<TX, TA>(float* gh, float* gc, float* cPrev, float* s, long plane, float* d, int h) where TX : IVec<TA> where TA : struct
    {
        var one = TX.Splat(1f);
        var (c, i, f, g, o) = (TX.Load(s + plane), TX.Load(s + 2 * plane), TX.Load(s + 3 * plane), TX.Load(s + 4 * plane), TX.Load(s + 5 * plane));
        var gradH = TX.Load(gh);
        var tc = VMath.Tanh<TX, TA>(c);
        var dc = TX.Fma(TX.Mul(gradH, o), TX.Sub(one, TX.Mul(tc, tc)), TX.Load(gc));
        TX.Store(d, TX.Mul(TX.Mul(dc, g), TX.Mul(i, TX.Sub(one, i))));
        TX.Store(d + h, TX.Mul(TX.Mul(dc, TX.Load(cPrev)), TX.Mul(f, TX.Sub(one, f))));
        TX.Store(d + 2 * h, TX.Mul(TX.Mul(dc, i), TX.Sub(one, TX.Mul(g, g))));
        TX.Store(d + 3 * h, TX.Mul(TX.Mul(gradH, tc), TX.Mul(o, TX.Sub(one, o))));
        TX.Store(d + 4 * h, TX.Mul(dc, f));
    }

    public static void GruCell(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var a = (RecurrentCellAttributes)attributes!;
        float* x = inputs[0].HostPointer<float>(), hg = inputs[1].HostPointer<float>(), hPrev = inputs[2].HostPointer<float>(), y = output.HostPointer<float>();
        var plane = (long)a.Batch * a.Hidden;
        Rows(a, 8, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row, h, at) =>
        {
            float* xr = x + 3L * at, hr = hg + 3L * at;
            var j = 0;
            for (; j <= h - TW.Count; j += TW.Count) GruStep<TW, TV>(xr + j, hr + j, h, hPrev + at + j, y + at + j, plane);
            for (; j < h; j++) GruStep<Vec1, float>(xr + j, hr + j, h, hPrev + at + j, y + at + j, plane);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GruStep<TX, TA>(float* x, float* hg, int h, float* hPrev, float* y, long plane) where TX : IVec<TA> where TA : struct
    {
        var r = VMath.Sigmoid<TX, TA>(TX.Add(TX.Load(x), TX.Load(hg)));
        var z = VMath.Sigmoid<TX, TA>(TX.Add(TX.Load(x + h), TX.Load(hg + h)));
        var n = VMath.Tanh<TX, TA>(TX.Fma(r, TX.Load(hg + 2 * h), TX.Load(x + 2 * h)));
        TX.Store(y, TX.Fma(z, TX.Sub(TX.Load(hPrev), n), n));
        TX.Store(y + plane, r);
        TX.Store(y + 2 * plane, z);
        TX.Store(y + 3 * plane, n);
    }

    public static void GruCellBackward(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var a = (RecurrentCellAttributes)attributes!;
        float* gh = inputs[0].HostPointer<float>(), hPrev = inputs[1].HostPointer<float>(), hg = inputs[2].HostPointer<float>();
        float* saved = inputs[3].HostPointer<float>(), d = output.HostPointer<float>();
        var plane = (long)a.Batch * a.Hidden;
        Rows(a, 13, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row, h, at) =>
        {
            float* dr = d + 7L * at, hr = hg + 3L * at;
            var j = 0;
            for (; j <= h - TW.Count; j += TW.Count) GruBackStep<TW, TV>(gh + at + j, hPrev + at + j, hr + 2 * h + j, saved + at + j, plane, dr + j, h);
            for (; j < h; j++) GruBackStep<Vec1, float>(gh + at + j, hPrev + at + j, hr + 2 * h + j, saved + at + j, plane, dr + j, h);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GruBackStep<TX, TA>(float* gh, float* hPrev, float* hn, float* s, long plane, float* d, int h) where TX : IVec<TA> where TA : struct
    {
        var one = TX.Splat(1f);
        var (r, z, n) = (TX.Load(s + plane), TX.Load(s + 2 * plane), TX.Load(s + 3 * plane));
        var gradH = TX.Load(gh);
        var an = TX.Mul(TX.Mul(gradH, TX.Sub(one, z)), TX.Sub(one, TX.Mul(n, n)));
        var ar = TX.Mul(TX.Mul(an, TX.Load(hn)), TX.Mul(r, TX.Sub(one, r)));
        var az = TX.Mul(TX.Mul(gradH, TX.Sub(TX.Load(hPrev), n)), TX.Mul(z, TX.Sub(one, z)));
        TX.Store(d, ar);
        TX.Store(d + h, az);
        TX.Store(d + 2 * h, an);
        TX.Store(d + 3 * h, ar);
        TX.Store(d + 4 * h, az);
        TX.Store(d + 5 * h, TX.Mul(an, r));
        TX.Store(d + 6 * h, TX.Mul(gradH, z));
    }
}
