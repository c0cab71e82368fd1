using System.Runtime.CompilerServices;
using System.Numerics;
using System.Numerics.Tensors;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>Data movement for any element type: block copies (Buffer.MemoryCopy already uses the widest
/// vectors the CPU has, so these need no ISA-specific variants) and typed loops where layouts are strided.</summary>
internal static unsafe class Movement<T> where T : unmanaged, INumberBase<T>
{
    public static void Copy(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var layout = StridedLayout.Of(output, inputs[0]);
        var y = output.HostPointer<T>() - output.Offset;
        var x = inputs[0].HostPointer<T>() - inputs[0].Offset;
        var (sy, sx, n) = (layout.InnerStride(0), layout.InnerStride(1), layout.Inner);
        CpuParallel.For(layout.Rows, CpuParallel.MinItemsPerChunk(n), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            Span<long> off = stackalloc long[2];
            for (var r = r0; r < r1; r++)
            {
                layout.RowOffsets(r, off);
                T* dst = y + off[0], src = x + off[1];
                if (sy == 1 && sx == 1) Buffer.MemoryCopy(src, dst, (long)n * sizeof(T), (long)n * sizeof(T));
                else
                {
                    for (var i = 0; i < n; i++) dst[(long)i * sy] = src[(long)i * sx];
                }
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Concat(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (ConcatAttributes)attributes!;
        var y = output.HostPointer<T>();
        var rowOut = (long)s.Sizes.Sum() * s.Inner;
        long start = 0;
        for (var p = 0; p < inputs.Length; p++)
        {
            var x = inputs[p].HostPointer<T>();
            var block = (long)s.Sizes[p] * s.Inner;
            for (var o = 0; o < s.Outer; o++)
                Buffer.MemoryCopy(x + o * block, y + o * rowOut + start, block * sizeof(T), block * sizeof(T));
            start += block;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gather(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (AxisAttributes)attributes!;
        var x = inputs[0].HostPointer<T>();
        var indices = inputs[1].HostPointer<int>();
        var y = output.HostPointer<T>();
        var k = inputs[1].Size;
        var bytes = (long)s.Inner * sizeof(T);
        for (var o = 0; o < s.Outer; o++)
        for (var j = 0; j < k; j++)
            Buffer.MemoryCopy(x + ((long)o * s.Length + indices[j]) * s.Inner, y + ((long)o * k + j) * s.Inner, bytes, bytes);
    }

    /// <summary>Converts to the output's dtype (truncating toward zero, saturating, into int32).
    /// TensorPrimitives already vectorises these conversions with the CreateSaturating semantics the
    /// reference uses, so there is nothing to gain from hand-written variants.</summary>
    public static void Cast(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var x = new ReadOnlySpan<T>(inputs[0].HostPointer<T>(), inputs[0].Size);
        switch (output.DType)
        {
            case DType.Float32: TensorPrimitives.ConvertSaturating(x, output.HostSpan<float>()); break;
            case DType.Float64: TensorPrimitives.ConvertSaturating(x, output.HostSpan<double>()); break;
            default: TensorPrimitives.ConvertSaturating(x, output.HostSpan<int>()); break;
        }
    }
}
