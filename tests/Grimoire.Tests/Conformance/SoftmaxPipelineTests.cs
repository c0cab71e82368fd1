using Grimoire.Kernels;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>softmax's cached rows are software-pipelined: row r's output is written while row r + 1's exponentials are
/// computed. Each row must still come out exactly as if it were alone, whatever the batch, length or alignment.</summary>
public class SoftmaxPipelineTests
{
    private static IEnumerable<string> Variants() =>
        KernelCases.UsableCpuVariants(OpNames.Softmax);

    /// <summary>Rows of their own offset and spread (a row scaled by a neighbour's sum would be far off), lengths from
    /// below one vector to several, the batch starting at any float offset: each row bit-for-bit its softmax alone,
    /// and the batch within tolerance of the reference.</summary>
    [FsCheck.NUnit.Property(MaxTest = 25)]
    public void EveryRowOfABatchIsItsSoftmaxAlone(FsCheck.PositiveInt rowCount, FsCheck.PositiveInt length, byte start, int seed)
    {
        var (rows, cols, offset, rng) = (1 + rowCount.Get % 9, 1 + length.Get % 97, start % 16, new Random(seed));
        var data = new float[offset + rows * cols];
        for (var r = 0; r < rows; r++)
        {
            var (shift, spread) = ((float)(rng.NextDouble() * 200 - 100), (float)Math.Pow(10, rng.NextDouble() * 3 - 1));
            for (var c = 0; c < cols; c++) data[offset + r * cols + c] = shift + (float)(rng.NextDouble() * 2 - 1) * spread;
        }
        using var scope = new TensorScope();
        var x = Tensor.FromArray(data, new Shape(data.Length)).Slice(0, offset, offset + rows * cols).Reshape(rows, cols);
        var expected = Run(KernelRegistry.ReferenceVariant, x);
        foreach (var variant in Variants())
        {
            var batch = Run(variant, x);
            Compare.Within(Array.ConvertAll(batch, v => (double)v), Array.ConvertAll(expected, v => (double)v), Tolerances.For(OpNames.Softmax, DType.Float32), $"softmax:{variant}, {rows} x {cols}");
            for (var r = 0; r < rows; r++)
            {
                var alone = Run(variant, Tensor.FromArray(data[(offset + r * cols)..(offset + (r + 1) * cols)], new Shape(1, cols)));
                Assert.That(batch.AsSpan(r * cols, cols).SequenceEqual(alone), Is.True, $"softmax:{variant}, row {r} of {rows} x {cols}");
            }
        }
    }

    private static float[] Run(string variant, Tensor x)
    {
        using var force = KernelRegistry.Force(OpNames.Softmax, variant);
        return x.Softmax().ToArray<float>();
    }
}
