using FsCheck;
using FsCheck.Fluent;
using Grimoire.Cpu.Gemm;
using Grimoire.Tests.Laws;

namespace Grimoire.Tests.Gemm;

/// <summary>Transpose.Run writes every element of src (rows x cols, row stride ld) to its transposed place and nothing
/// else: shapes up to 40 x 40 cross the 16-element tiles, the 4 x 4 SSE blocks and their scalar edges, with row
/// strides longer than the rows (the convolution weight gradient transposes each image's dy with it).</summary>
internal sealed unsafe class TransposeTests
{
    public sealed record Case(int Rows, int Cols, int Pad, int Seed);

    private static Gen<Case> Cases() =>
        from rows in Gen.Choose(1, 40)
        from cols in Gen.Choose(1, 40)
        from pad in Gen.Choose(0, 5)
        from seed in Gen.Choose(0, 1 << 20)
        select new Case(rows, cols, pad, seed);

    [Test]
    public void MatchesElementwiseTranspose() => PropertyCheck.ForAll(Cases(), Check, cases: 200);

    private static void Check(Case c)
    {
        var ld = c.Cols + c.Pad;
        var rng = new Random(c.Seed);
        var src = Enumerable.Range(0, c.Rows * ld).Select(_ => (float)rng.NextDouble()).ToArray();
        // One float past the end, NaN-filled: an element never written, or one written out of place, cannot match.
        var dst = new float[c.Rows * c.Cols + 1];
        Array.Fill(dst, float.NaN);
        fixed (float* s = src, d = dst) Transpose.Run(s, ld, c.Rows, c.Cols, d);
        for (var j = 0; j < c.Cols; j++)
            for (var i = 0; i < c.Rows; i++)
                Assert.That(dst[j * c.Rows + i], Is.EqualTo(src[i * ld + j]), $"{c}: element ({i}, {j})");
        Assert.That(dst[^1], Is.NaN, $"{c}: wrote past the end");
    }
}
