using System.Runtime.Intrinsics;
using Grimoire.Cpu.Simd;
using Grimoire.Kernels;

namespace Grimoire.Tests.Simd;

/// <summary>The width primitives exp and sigmoid are built on, at every width this machine runs: the eight-entry table
/// behind 2^(n/8) over its whole documented range, and the sign-bit select over arbitrary bit patterns.</summary>
public class VecPrimitiveTests
{
    private enum Primitive { Exp2Eighths, SelectWhereSignBit }

    public static IEnumerable<TestCaseData> Widths() => VMathWidth.All.Select(w => new TestCaseData(w).SetName($"Exp2Eighths at {w.Name}"));

    /// <summary>Every n with n/8 in [−126, 128): the result is 2^(n/8) rounded to float, bit for bit (the table holds
    /// the rounded 2^(j/8), and scaling by 2^⌊n/8⌋ keeps a normal float's rounding).</summary>
    [TestCaseSource(nameof(Widths))]
    public void Exp2EighthsIsTheRoundedPowerForEveryN(VMathWidth width)
    {
        if (!IsaSupport.IsSupported(width.Isa)) Assert.Ignore($"{width.Name} needs {width.Isa.Name()}, not available here");
        var n = Enumerable.Range(-126 * 8, 254 * 8).ToArray();
        var shifted = Array.ConvertAll(n, k => 12582912f + k); // 1.5·2^23 + n, exact
        var got = Map(width.Name, Primitive.Exp2Eighths, shifted, shifted, shifted);
        for (var i = 0; i < n.Length; i++)
            Assert.That(got[i], Is.EqualTo((float)Math.Pow(2, n[i] / 8.0)), $"2^({n[i]}/8) at {width.Name}");
    }

    /// <summary>a where the first operand's sign bit is set (−0 and negative NaNs included), b elsewhere, bit for bit.</summary>
    [FsCheck.NUnit.Property(MaxTest = 20)]
    public void SelectWhereSignBitFollowsTheSignBitAlone(int[] signBits, int seed)
    {
        var rng = new Random(seed);
        var sign = Array.ConvertAll([.. signBits, 0, int.MinValue, -1, 0x7FC00000], BitConverter.Int32BitsToSingle);
        var (a, b) = (Array.ConvertAll(sign, _ => (float)rng.NextDouble()), Array.ConvertAll(sign, _ => -(float)rng.NextDouble()));
        foreach (var width in VMathWidth.All.Where(w => IsaSupport.IsSupported(w.Isa)))
        {
            var got = Map(width.Name, Primitive.SelectWhereSignBit, sign, a, b);
            for (var i = 0; i < sign.Length; i++)
                Assert.That(got[i], Is.EqualTo(BitConverter.SingleToInt32Bits(sign[i]) < 0 ? a[i] : b[i]), $"sign bits {BitConverter.SingleToInt32Bits(sign[i]):X8} at {width.Name}");
        }
    }

    private static float[] Map(string width, Primitive p, float[] x, float[] a, float[] b) => width switch
    {
        "Vec512" => Map<Vec512, Vector512<float>>(p, x, a, b),
        "Vec256" => Map<Vec256, Vector256<float>>(p, x, a, b),
        _ => Map<Vec1, float>(p, x, a, b),
    };

    /// <summary>The primitive lane group by lane group, the inputs padded with zeros to whole vectors (padding dropped).</summary>
    private static unsafe float[] Map<TW, TV>(Primitive p, float[] x, float[] a, float[] b) where TW : IVec<TV> where TV : struct
    {
        var n = (x.Length + TW.Count - 1) / TW.Count * TW.Count;
        float[] px = [.. x, .. new float[n - x.Length]], pa = [.. a, .. new float[n - a.Length]], pb = [.. b, .. new float[n - b.Length]];
        var y = new float[n];
        fixed (float* xs = px, aa = pa, bb = pb, ys = y)
        {
            for (var i = 0; i < n; i += TW.Count)
                TW.Store(ys + i, p == Primitive.Exp2Eighths ? TW.Exp2Eighths(TW.Load(xs + i)) : TW.SelectWhereSignBit(TW.Load(xs + i), TW.Load(aa + i), TW.Load(bb + i)));
        }
        return y[..x.Length];
    }
}
