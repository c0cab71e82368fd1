using System.Runtime.Intrinsics;
using Grimoire.Cpu.Simd;
using Grimoire.Kernels;
using Grimoire.Ops;
using Grimoire.Tests.Conformance;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Simd;

/// <summary>Dense sweeps of the vector transcendentals at every width against Math in double, with the
/// same bounds the kernel conformance suite uses, plus the special values random inputs never reach.</summary>
public unsafe class VMathAccuracyTests
{
    public delegate float[] Apply(float[] x);

    private static readonly float[] Specials =
        [0f, -0f, 1e-45f, -1e-45f, 1e-38f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 88.7f, -87.3f, -104f, 89f, 1e30f, -1e30f, 20f, -20f, 9f, -9f];

    /// <summary>-100 .. 100 in steps of 1/512, then the specials.</summary>
    private static float[] Sweep() => Enumerable.Range(-51200, 102401).Select(i => i / 512f).Concat(Specials).ToArray();

    private static float[] Run<TW, TV>(float[] x, Func<TV, TV> f) where TW : IVec<TV> where TV : struct
    {
        var y = new float[x.Length];
        fixed (float* px = x, py = y)
        {
            var i = 0;
            for (; i + TW.Count <= x.Length; i += TW.Count) TW.Store(py + i, f(TW.Load(px + i)));
            // Pad the tail into a full vector so every value goes through the vector code.
            var tail = stackalloc float[TW.Count];
            for (var j = 0; j < TW.Count; j++) tail[j] = i + j < x.Length ? px[i + j] : 0f;
            TW.Store(tail, f(TW.Load(tail)));
            for (var j = 0; i + j < x.Length; j++) py[i + j] = tail[j];
        }
        return y;
    }

    private static IEnumerable<TestCaseData> Widths()
    {
        var widths = new List<(string Name, Isa Isa, Func<string, Apply> Make)>
        {
            ("avx512", Isa.Avx512, op => x => Run<Vec512, Vector512<float>>(x, Function<Vec512, Vector512<float>>(op))),
            ("avx2", Isa.Avx2, op => x => Run<Vec256, Vector256<float>>(x, Function<Vec256, Vector256<float>>(op))),
            ("scalar", Isa.None, op => x => Run<Vec1, float>(x, Function<Vec1, float>(op))),
        };
        foreach (var op in new[] { OpNames.Exp, OpNames.Log, OpNames.Tanh, OpNames.Sigmoid })
        foreach (var (name, isa, make) in widths)
        {
            var data = new TestCaseData(op, make(op)).SetName($"VMath {op} {name}");
            if (!IsaSupport.IsSupported(isa)) data.Ignore($"{isa.Name()} is not available here");
            yield return data;
        }
    }

    private static Func<TV, TV> Function<TW, TV>(string op) where TW : IVec<TV> where TV : struct => op switch
    {
        OpNames.Exp => VMath.Exp<TW, TV>,
        OpNames.Log => VMath.Log<TW, TV>,
        OpNames.Tanh => VMath.Tanh<TW, TV>,
        _ => VMath.Sigmoid<TW, TV>,
    };

    private static double Exact(string op, double x) => op switch
    {
        OpNames.Exp => Math.Exp(x),
        OpNames.Log => Math.Log(x),
        OpNames.Tanh => Math.Tanh(x),
        _ => 1 / (1 + Math.Exp(-x)),
    };

    [TestCaseSource(nameof(Widths))]
    public void MatchesMathWithinTheConformanceBound(string op, Apply apply)
    {
        var x = Sweep();
        var actual = apply(x).Select(v => (double)v).ToArray();
        // The exact value rounded to float32 is what a perfect kernel returns (it overflows to infinity where float does).
        var expected = x.Select(v => (double)(float)Exact(op, v)).ToArray();
        Compare.Within(actual, expected, Tolerances.For(op, DType.Float32), $"{op} over [-100, 100] and special values");
    }
}
