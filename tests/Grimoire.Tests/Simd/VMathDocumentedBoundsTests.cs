using Grimoire.Cpu.Reference;
using Grimoire.Cpu.Simd;
using Grimoire.Kernels;

namespace Grimoire.Tests.Simd;

/// <summary>VMath's transcendental functions at every width against System.Math in double, checked against the
/// bounds documented on <see cref="Grimoire.Cpu.Simd.VMath"/>: dense sweeps over each function's whole range, including all positive
/// floats and subnormals for log, and edge values with their signs. The bounds are:
/// exp ≤ 2 ulp and log ≤ 2 ulp (measured from the double result rounded to float), exp for x ≤ 0 (ExpNonPositive) ≤ 5 ulp
/// and ≤ 2 on [−16, 0], tanh ≤ 1e-7 and sigmoid
/// ≤ 1e-7 absolute; those of sin, cos, log1p, expm1, erf, erfc, gelu and silu are listed with their sweeps.
/// All widths run the same code, so they must also agree bit for bit.</summary>
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
        MathFunction.Exp or MathFunction.ExpNonPositive or MathFunction.ExpNonPositiveInRange => Math.Exp(x),
        MathFunction.Log => Math.Log(x),
        MathFunction.Tanh => Math.Tanh(x),
        MathFunction.Sin => Math.Sin(x),
        MathFunction.Cos => Math.Cos(x),
        MathFunction.Log1p => ScalarMath.Log1p(x),
        MathFunction.Expm1 => ScalarMath.Expm1(x),
        MathFunction.Erf => ScalarMath.Erf(x),
        MathFunction.Erfc => ScalarMath.Erfc(x),
        MathFunction.Gelu => ScalarMath.Gelu(x, tanh: false),
        MathFunction.GeluTanh => ScalarMath.Gelu(x, tanh: true),
        MathFunction.Silu => ScalarMath.Silu(x),
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
        MathFunction.Exp => [("[-87.3, 88.7]", Grid(-87.3, 88.72), 2, null), ("[-1, 1]", Grid(-1, 1), 2, null)],
        MathFunction.Log => [("positive normals", PositiveNormals(), 2, null), ("[0.5, 2]", Grid(0.5, 2), 2, null), ("subnormals", PositiveSubnormals(), 2, null)],
        MathFunction.Tanh => [("[-12, 12]", Grid(-12, 12), null, 1e-7), ("[-0.7, 0.7]", Grid(-0.7, 0.7), null, 1e-7)],
        // The reduction is exact while |x| ≤ 8192 (VMath.Trigonometric); beyond, only [−1, 1] is promised (edge values).
        MathFunction.Sin or MathFunction.Cos => [("[-8192, 8192]", Grid(-8192, 8192), null, 8e-8), ("[-8, 8]", Grid(-8, 8), 2, null), ("[-1, 1]", Grid(-1, 1), 2, null)],
        MathFunction.Log1p => [("[-0.9999, 10]", Grid(-0.9999, 10), 2, null), ("[-1e-3, 1e-3]", Grid(-1e-3, 1e-3), 2, null), ("positive normals", PositiveNormals(), 2, null)],
        MathFunction.Expm1 => [("[-87.3, 88.7]", Grid(-87.3, 88.72), 3.5, null), ("[-1, 1]", Grid(-1, 1), 3.5, null), ("[-1e-3, 1e-3]", Grid(-1e-3, 1e-3), 3.5, null)],
        MathFunction.Erf => [("[-6, 6]", Grid(-6, 6), 3, null), ("[-1e-3, 1e-3]", Grid(-1e-3, 1e-3), 3, null)],
        // Up to 9.2, where erfc leaves the normal floats.
        MathFunction.Erfc => [("[-6, 9.2]", Grid(-6, 9.2), 10, null), ("[-1.5, 1.5]", Grid(-1.5, 1.5), 10, null)],
        MathFunction.Gelu => [("[-13, 10]", Grid(-13, 10), 14, null), ("[-2, 2]", Grid(-2, 2), 14, null)],
        // The rounding of the exponent 2u costs about |2u| ulp in the negative tail: 150 at x = −9, where gelu is −2e-28.
        MathFunction.GeluTanh => [("[-2, 2]", Grid(-2, 2), 6, null), ("[-4, 10]", Grid(-4, 10), 20, null), ("[-9, 10]", Grid(-9, 10), 150, null)],
        MathFunction.Silu => [("[-87, 88]", Grid(-87, 88), 4, null), ("[-2, 2]", Grid(-2, 2), 4, null)],
        // The one-step reduction's error grows with |x| (VMath.ExpNonPositive); defined for x ≤ 0 only.
        MathFunction.ExpNonPositive or MathFunction.ExpNonPositiveInRange =>
            [("[-87.3, 0]", Grid(-87.3, 0), 5, null), ("[-16, 0]", Grid(-16, 0), 2, null), ("[-1, 0]", Grid(-1, 0), 2, null)],
        _ => [("[-30, 30]", Grid(-30, 30), null, 1e-7), ("[-100, 100]", Grid(-100, 100), null, 1e-7)],
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

    /// <summary>The inputs among <paramref name="x"/> that <paramref name="f"/> is defined on: log's made positive,
    /// ExpNonPositive's positive ones dropped.</summary>
    private static float[] DomainOf(MathFunction f, float[] x) => f switch
    {
        MathFunction.Log => [.. x.Select(MathF.Abs)],
        MathFunction.ExpNonPositive => [.. x.Where(v => !(v > 0))],
        MathFunction.ExpNonPositiveInRange => [.. x.Where(v => !(v > 0 || v < VMath.ExpMin))],
        _ => x,
    };

    public static IEnumerable<TestCaseData> InRangeWidths() =>
        VMathWidth.All.Select(w => new TestCaseData(w).SetName($"ExpNonPositiveInRange bits at {w.Name}"));

    /// <summary>ExpNonPositiveInRange is ExpNonPositive less its underflow select: the same bits wherever it is defined.</summary>
    [TestCaseSource(nameof(InRangeWidths))]
    public void ExpNonPositiveInRangeGivesExpNonPositivesBits(VMathWidth width)
    {
        RequireWidth(width);
        var x = DomainOf(MathFunction.ExpNonPositiveInRange, [.. Grid(VMath.ExpMin, 0).Concat(Edges)]);
        var (guarded, inRange) = (width.Apply(MathFunction.ExpNonPositive, x), width.Apply(MathFunction.ExpNonPositiveInRange, x));
        for (var i = 0; i < x.Length; i++)
            Assert.That(BitConverter.SingleToInt32Bits(inRange[i]), Is.EqualTo(BitConverter.SingleToInt32Bits(guarded[i])), $"e^{x[i]:R} at {width.Name}");
    }

    private static readonly float[] Edges =
    [
        0f, -0f, 1f, -1f, 0.625f, -0.625f, 20f, -20f, 88f, 88.72f, 89f, 100f, -87f, -88f, -100f, 1e30f, -1e30f,
        float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN,
        float.Epsilon, -float.Epsilon, 1e-40f, -1e-40f, SmallestNormal, -SmallestNormal,
        3.14159274f, -1.57079637f, 8192f, -8192f, 1e5f, 16f, 17f, -0.5f, 9.2f, -9.2f, 10f, -10f, 1e-3f, -1e-3f,
    ];

    /// <summary>NaN, infinities and zeros (with their sign) must come out exactly as from System.Math (or the reference's
    /// double functions); other results within the bound, except that results below the smallest normal float may be
    /// flushed to 0, and sin and cos past |x| = 8192 need only stay in [−1, 1].</summary>
    [TestCaseSource(nameof(Cases))]
    public void EdgeValuesMatchSystemMath(VMathWidth width, MathFunction f)
    {
        RequireWidth(width);
        var sweeps = Sweeps(f).ToList();
        var (ulps, absolute) = (sweeps.Max(s => s.Ulps), sweeps.Max(s => s.Absolute));
        var edges = DomainOf(f, Edges);
        var y = width.Apply(f, edges);
        for (var i = 0; i < edges.Length; i++)
        {
            var (x, got) = (edges[i], y[i]);
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
            else if (f is MathFunction.Sin or MathFunction.Cos && Math.Abs(x) > 8192)
            {
                Assert.That(Math.Abs(got), Is.LessThanOrEqualTo(1f), $"{context}: beyond the documented range, but in [-1, 1]");
            }
            else if (Math.Abs(exact) < SmallestNormal)
            {
                Assert.That(got == 0 || Math.Abs(got - exact) <= 4 * float.Epsilon, $"{context} is {got:R}: subnormal result {exact:R} flushed to 0 or kept");
            }
            else
            {
                var error = Math.Abs(got - exact);
                var allowed = ulps is null ? absolute!.Value : ulps.Value * Ulp(exact);
                Assert.That(error, Is.LessThanOrEqualTo(allowed), $"{context} is {got:R}, expected {exact:R}");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void EveryWidthComputesTheSameBits(VMathWidth width, MathFunction f)
    {
        RequireWidth(width);
        var x = DomainOf(f, [.. Grid(-90, 90).Concat(Edges)]);
        var scalar = VMathWidth.All.Single(w => w.Isa == Isa.None).Apply(f, x);
        var y = width.Apply(f, x);
        for (var i = 0; i < x.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(y[i]) != BitConverter.SingleToInt32Bits(scalar[i]) && !(float.IsNaN(y[i]) && float.IsNaN(scalar[i])))
                Assert.Fail($"{f}({x[i]:R}) is {y[i]:R} at {width.Name} but {scalar[i]:R} at Vec1");
        }
    }
}
