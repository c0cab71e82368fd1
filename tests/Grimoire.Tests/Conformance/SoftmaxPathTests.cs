using Grimoire.Cpu.Kernels;
using Grimoire.Cpu.Simd;
using Grimoire.Kernels;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>softmax's two paths that the conformance suite's small random shapes never reach: rows longer than
/// <see cref="SimdRows{TW, TV}.InCacheRowLimit"/> (online form: blocked running max and rescaled sum) and outputs past
/// <see cref="StreamingStores.ThresholdBytes"/> (scratch row and streaming stores), and rows either side of the spread
/// past which the exponential underflows, each against the reference kernel.</summary>
public class SoftmaxPathTests
{
    private static IEnumerable<TestCaseData> Variants() =>
        KernelCases.UsableCpuVariants(OpNames.Softmax).Select(v => new TestCaseData(v).SetName($"Softmax paths {v}"));

    private static int LongRow => SimdRows<Vec1, float>.InCacheRowLimit;

    [TestCaseSource(nameof(Variants))]
    public void LongRowsTakeTheOnlineFormAndMatchTheReference(string variant)
    {
        var rng = new Random(11);
        foreach (var cols in new[] { LongRow + 1, LongRow + 37, 2 * LongRow + 2049 })
        {
            // A rising ramp plus noise: later blocks keep raising the running maximum, so the sum is rescaled often.
            var data = new float[3 * cols];
            for (var i = 0; i < data.Length; i++) data[i] = 8f * (i % cols) / cols + (float)(rng.NextDouble() * 8 - 4);
            Check(variant, data, 3, cols);
        }
    }

    /// <summary>Random long rows (up to twice the limit, any offset and spread): every variant within softmax's tolerance.</summary>
    [FsCheck.NUnit.Property(MaxTest = 6)]
    public void RandomLongRowsMatchTheReference(FsCheck.PositiveInt extra, FsCheck.NormalFloat offset, FsCheck.PositiveInt spread, int seed)
    {
        var (cols, rows) = (LongRow + extra.Get % LongRow, 1 + (seed & 1));
        var (shift, scale, rng) = ((float)Math.Clamp(offset.Get, -1e3, 1e3), 1 + spread.Get % 30, new Random(seed));
        var data = new float[rows * cols];
        for (var i = 0; i < data.Length; i++) data[i] = shift + (float)(rng.NextDouble() * 2 - 1) * scale;
        foreach (var variant in Variants().Select(c => (string)c.Arguments[0]!)) Check(variant, data, rows, cols);
    }

    [TestCaseSource(nameof(Variants))]
    public void LongRowsWithNaNOrInfinityGiveWhatTheReferenceGives(string variant)
    {
        var cols = LongRow + 5;
        var data = new float[3 * cols];
        for (var i = 0; i < data.Length; i++) data[i] = (i % 7) - 3f;
        data[cols / 2] = float.NaN;
        data[cols + cols - 1] = float.PositiveInfinity;
        data[2 * cols + 3] = float.NegativeInfinity;
        Check(variant, data, 3, cols);
    }

    /// <summary>Rows whose spread lies either side of the exponential's range (<see cref="VMath.ExpMin"/>): those inside skip
    /// the underflow select, the others keep it (and one holds −∞); every variant matches the reference.</summary>
    [FsCheck.NUnit.Property(MaxTest = 10)]
    public void RowsEitherSideOfTheUnderflowSpreadMatchTheReference(int seed)
    {
        const int rows = 8, cols = 203;
        var rng = new Random(seed);
        var data = new float[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            var (low, spread) = ((float)(rng.NextDouble() * 200 - 100), 80f + 15f * r / (rows - 1)); // 80 to 95
            for (var c = 0; c < cols; c++) data[r * cols + c] = low + (float)rng.NextDouble() * spread;
            (data[r * cols + rng.Next(cols)], data[r * cols + rng.Next(cols)]) = (low, low + spread);
        }
        data[rng.Next(data.Length)] = float.NegativeInfinity;
        foreach (var variant in Variants().Select(c => (string)c.Arguments[0]!)) Check(variant, data, rows, cols);
    }

    [TestCaseSource(nameof(Variants))]
    public void LargeOutputsTakeStreamingStoresAndMatchTheReference(string variant)
    {
        const int cols = 1001; // not a multiple of any vector width, so the aligning heads and tails run
        var rows = (int)(StreamingStores.ThresholdBytes / sizeof(float) / cols) + 1;
        var rng = new Random(12);
        var data = new float[rows * cols];
        for (var i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 16 - 8);
        Check(variant, data, rows, cols);
    }

    private static void Check(string variant, float[] data, int rows, int cols)
    {
        using var scope = new TensorScope();
        var x = Tensor.FromArray(data, new Shape(rows, cols));
        float[] Run(string v)
        {
            using var force = KernelRegistry.Force(OpNames.Softmax, v);
            return x.Softmax().ToArray<float>();
        }
        var (expected, actual) = (Run(KernelRegistry.ReferenceVariant), Run(variant));
        Compare.Within(Array.ConvertAll(actual, v => (double)v), Array.ConvertAll(expected, v => (double)v), Tolerances.For(OpNames.Softmax, DType.Float32), $"softmax:{variant}, {rows} x {cols}");
    }
}
