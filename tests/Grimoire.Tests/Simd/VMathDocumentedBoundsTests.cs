using Grimoire.Kernels;

namespace Grimoire.Tests.Simd;

/// <summary>VMath's transcendental functions at every width against System.Math in double, checked against the
/// bounds documented on <see cref="Grimoire.Cpu.Simd.VMath"/>: dense sweeps over each function's whole range, including all positive
/// floats and subnormals for log, and edge values with their signs. The bounds are:
/// exp ≤ 3 ulp and log ≤ 2 ulp (measured from the double result rounded to float), tanh and sigmoid
/// ≤ 2e-7 absolute. All widths run the same code, so they must also agree bit for bit.</summary>
public class VMathDocumentedBoundsTests
{
    private const int GridPoints = 1 << 19;
    private const float SmallestNormal = 1.17549435e-38f;

    public static IEnumerable<TestCaseData> Cases() =>
        from w in VMathWidth.All
        from f in Enum.GetValues<MathFunction>()
        select new TestCaseData(w, f).SetName($"VMath bounds {f} at {w.Name}");

    private static void RequireWidth(VMathWidth width)
    {
        if (!IsaSupport.IsSupported(width.Isa)) Assert.Ignore($"{width.Name} needs {width.Isa.Name()}, not available here");
    }

    private static double Exact(MathFunction f, double x) => f switch
    {
        MathFunction.Exp => Math.Exp(x),
        MathFunction.Log => Math.Log(x),
        MathFunction.Tanh => Math.Tanh(x),
        _ => 1 / (1 + Math.Exp(-x)),
    };

    /// <summary>Spacing of floats at the magnitude of <paramref name="exact"/> rounded to float.</summary>
    private static double Ulp(double exact)
    {
        var a = MathF.Abs((float)exact);
        return Math.Max((double)MathF.BitIncrement(a) - a, float.Epsilon);
    }

    private static float[] Grid(double low, double high) =>
        [.. Enumerable.Range(0, GridPoints).Select(i => (float)(low + (high - low) * i / (GridPoints - 1)))];

    /// <summary>Positive normal floats from the smallest to the largest, evenly spaced in bit pattern (so in log scale).</summary>
    private static float[] PositiveNormals() =>
        [.. Enumerable.Range(0, GridPoints).Select(i => BitConverter.Int32BitsToSingle(0x00800000 + (int)((long)i * (0x7F7FFFFF - 0x00800000) / (GridPoints - 1))))];

    private static float[] PositiveSubnormals() => [.. Enumerable.Range(1, 1 << 14).Select(i => BitConverter.Int32BitsToSingle(i * 511))];

    /// <summary>The sweeps and the bound for each, as (inputs, bound in ulp or null, absolute bound or null).</summary>
    private static IEnumerable<(string Range, float[] X, double? Ulps, double? Absolute)> Sweeps(MathFunction f) => f switch
    {
        // Below −87.34 the result would be subnormal and is flushed to 0 (checked with the edge values).
        MathFunction.Exp => [("[-87.3, 88.7]", Grid(-87.3, 88.72), 3, null), ("[-1, 1]", Grid(-1, 1), 3, null)],
        MathFunction.Log => [("positive normals", PositiveNormals(), 2, null), ("[0.5, 2]", Grid(0.5, 2), 2, null), ("subnormals", PositiveSubnormals(), 2, null)],
        MathFunction.Tanh => [("[-12, 12]", Grid(-12, 12), null, 2e-7), ("[-0.7, 0.7]", Grid(-0.7, 0.7), null, 2e-7)],
        _ => [("[-30, 30]", Grid(-30, 30), null, 2e-7), ("[-100, 100]", Grid(-100, 100), null, 2e-7)],
    };

    [TestCaseSource(nameof(Cases))]
    public void DenseSweepsStayWithinTheDocumentedBound(VMathWidth width, MathFunction f)
    {
        RequireWidth(width);
        foreach (var (range, x, ulps, absolute) in Sweeps(f))
        {
            var y = width.Apply(f, x);
            var (worst, at) = (0.0, 0f);
            for (var i = 0; i < x.Length; i++)
            {
                var exact = Exact(f, x[i]);
                var error = Math.Abs(y[i] - exact);
                var measure = ulps is null ? error : error / Ulp(exact);
                if (!(measure <= worst)) (worst, at) = (measure, x[i]);
            }
            var bound = ulps ?? absolute!.Value;
            var unit = ulps is null ? "absolute" : "ulp";
            Assert.That(worst, Is.LessThanOrEqualTo(bound), $"{f} at {width.Name} over {range}: worst error {worst:G3} {unit} at x = {at:R}");
            TestContext.Out.WriteLine($"{f} at {width.Name} over {range}: max error {worst:G3} {unit} (bound {bound:G3})");
        }
    }

    private static readonly float[] Edges =
    [
        0f, -0f, 1f, -1f, 0.625f, -0.625f, 20f, -20f, 88f, 88.72f, 89f, 100f, -87f, -88f, -100f, 1e30f, -1e30f,
        float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN,
        float.Epsilon, -float.Epsilon, 1e-40f, -1e-40f, SmallestNormal, -SmallestNormal,
    ];

    /// <summary>NaN, infinities and zeros (with their sign) must come out exactly as from System.Math; other results
    /// within the bound, except that exp flushes results below the smallest normal float to 0.</summary>
    [TestCaseSource(nameof(Cases))]
    public void EdgeValuesMatchSystemMath(VMathWidth width, MathFunction f)
    {
        RequireWidth(width);
        var y = width.Apply(f, Edges);
        for (var i = 0; i < Edges.Length; i++)
        {
            var (x, got) = (Edges[i], y[i]);
            var exact = Exact(f, x);
            var expected = (float)exact;
            var context = $"{f}({x:R}) at {width.Name}";
            if (float.IsNaN(expected))
            {
                Assert.That(got, Is.NaN, context);
            }
            else if (float.IsInfinity(expected) || expected == 0)
            {
                Assert.That(BitConverter.SingleToInt32Bits(got), Is.EqualTo(BitConverter.SingleToInt32Bits(expected)), $"{context} is {got:R}, expected {expected:R}");
            }
            else if (f == MathFunction.Exp && Math.Abs(exact) < SmallestNormal)
            {
                Assert.That(got, Is.EqualTo(0f).Or.EqualTo(expected), $"{context}: subnormal result flushed to 0 or exact");
            }
            else
            {
                var error = Math.Abs(got - exact);
                var allowed = f is MathFunction.Exp or MathFunction.Log ? 3 * Ulp(exact) : 2e-7;
                Assert.That(error, Is.LessThanOrEqualTo(allowed), $"{context} is {got:R}, expected {exact:R}");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void EveryWidthComputesTheSameBits(VMathWidth width, MathFunction f)
    {
        RequireWidth(width);
        var x = Grid(-90, 90).Concat(Edges).ToArray();
        if (f == MathFunction.Log) x = [.. x.Select(MathF.Abs)];
        var scalar = VMathWidth.All.Single(w => w.Isa == Isa.None).Apply(f, x);
        var y = width.Apply(f, x);
        for (var i = 0; i < x.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(y[i]) != BitConverter.SingleToInt32Bits(scalar[i]) && !(float.IsNaN(y[i]) && float.IsNaN(scalar[i])))
                Assert.Fail($"{f}({x[i]:R}) is {y[i]:R} at {width.Name} but {scalar[i]:R} at Vec1");
        }
    }
}
