using System.Runtime.CompilerServices;
using Grimoire.Cpu.Simd;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>scatter_add at width <typeparamref name="TW"/>: each source slice is added into its target row.</summary>
internal static unsafe class SimdScatter<TW, TV> where TW : IVec<TV> where TV : struct
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScatterAdd(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (AxisAttributes)attributes!;
        var src = inputs[0].HostPointer<float>();
        var indices = inputs[1].HostPointer<int>();
        var y = output.HostPointer<float>();
        var k = inputs[1].Size;
        for (var o = 0; o < s.Outer; o++)
        for (var j = 0; j < k; j++)
        {
            var from = src + ((long)o * k + j) * s.Inner;
            var to = y + ((long)o * s.Length + indices[j]) * s.Inner;
            var i = 0;
            for (; i <= s.Inner - TW.Count; i += TW.Count) TW.Store(to + i, TW.Add(TW.Load(to + i), TW.Load(from + i)));
            for (; i < s.Inner; i++) to[i] += from[i];
        }
    }
}
