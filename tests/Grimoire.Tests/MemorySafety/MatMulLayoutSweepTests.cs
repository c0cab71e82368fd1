using Grimoire.Kernels;
using Grimoire.Ops;
using Grimoire.Tests.Conformance;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.MemorySafety;

/// <summary>Every matmul and linear kernel on a fixed sweep of operand layouts (transposed, sliced, offset, permuted batch
/// axes, broadcast rows, columns, batches and whole matrices, each with the other operand in every layout), against the
/// reference. A broadcast (stride-0) row once reached the GEMMs with the column count as its leading dimension, so they
/// read past the buffer: the op must either hand a kernel a layout it can take or copy the operand.</summary>
[TestFixture]
public sealed class MatMulLayoutSweepTests
{
    // Sizes small enough for the direct GEMM path and large enough for the packed one (and its edge tiles).
    private static readonly (int M, int K, int N)[] Sizes = [(5, 7, 3), (37, 70, 45)];

    /// <summary>Layouts of one [rows, cols] operand; with <see cref="Batched"/> the operand is [3, rows, cols].</summary>
    private static readonly ViewLayout[] Matrix =
    [
        ViewLayout.Contiguous(2),
        Layout([1, 0]),                                          // transposed storage
        Layout([0, 1], steps: [2, 1]),                           // every other row
        Layout([0, 1], steps: [1, 2]),                           // every other column
        Layout([0, 1], leads: [1, 2]),                           // an offset window
        Layout([0, 1], broadcast: [true, false]),                // one row repeated (the reported defect)
        Layout([0, 1], broadcast: [false, true]),                // one column repeated
        Layout([0, 1], broadcast: [true, true]),                 // one element everywhere
        Layout([1, 0], steps: [2, 1]),                           // transposed with gaps
        Layout([1, 0], broadcast: [true, false]),                // transposed, rows repeated
    ];

    private static readonly ViewLayout[] Batched =
    [
        ViewLayout.Contiguous(3),
        Layout([0, 1, 2], broadcast: [true, false, false]),      // one matrix for every batch
        Layout([1, 2, 0]),                                       // batch axis stored innermost
        Layout([2, 0, 1]),
        Layout([0, 2, 1]),                                       // every matrix transposed
        Layout([0, 1, 2], steps: [2, 1, 1]),                     // every other batch
        Layout([0, 1, 2], broadcast: [false, true, false]),      // rows repeated in each batch
        Layout([0, 1, 2], broadcast: [false, false, true]),      // columns repeated in each batch
        Layout([0, 2, 1], broadcast: [true, false, false]),      // transposed and shared by the batches
        Layout([0, 1, 2], steps: [1, 2, 1], leads: [1, 1, 0]),
    ];

    private static ViewLayout Layout(int[] order, int[]? steps = null, int[]? leads = null, bool[]? broadcast = null) =>
        new(order, steps ?? [.. order.Select(_ => 1)], leads ?? new int[order.Length], broadcast ?? new bool[order.Length]);

    public static IEnumerable<TestCaseData> Kernels() => KernelCases.Where(k => k.Op is OpNames.MatMul or OpNames.Linear, "Layout sweep");

    [TestCaseSource(nameof(Kernels))]
    public void EveryLayoutMatchesTheReference(string op, DType dtype, string variant)
    {
        var kernel = KernelCases.Runnable(op, dtype, variant);
        var device = new Device(kernel.Info.Device);
        // The simulated GPU runs every thread as .NET code: the small size covers its tile edges.
        var sizes = device.IsCpu ? Sizes : Sizes[..1];
        var cases = op == OpNames.MatMul ? MatMulCases(dtype, sizes) : LinearCases(dtype, sizes);
        var count = 0;
        foreach (var c in cases)
        {
            var (actual, expected) = c.AgainstReference(variant, device);
            Assert.That(actual.Shape, Is.EqualTo(expected.Shape), $"output shape of {c}");
            Compare.Within(actual.Values, expected.Values, Tolerances.For(op, dtype, c.Inputs[0].Shape[-1]), c.ToString());
            count++;
        }
        TestContext.Out.WriteLine($"{kernel.Info}: {count} layout pairs match the reference");
    }

    /// <summary>Unbatched: every pair of matrix layouts; batched: every pair of batched layouts, and batched A times an
    /// unbatched B in every layout.</summary>
    private static IEnumerable<OpCase> MatMulCases(DType dtype, (int M, int K, int N)[] sizes)
    {
        var seed = 0;
        foreach (var (m, k, n) in sizes)
        {
            foreach (var a in Matrix)
            foreach (var b in Matrix)
                yield return MatMul(Spec(new Shape(m, k), dtype, a, seed++), Spec(new Shape(k, n), dtype, b, seed++));
            foreach (var a in Batched)
            foreach (var b in Batched)
                yield return MatMul(Spec(new Shape(3, m, k), dtype, a, seed++), Spec(new Shape(3, k, n), dtype, b, seed++));
            foreach (var a in Batched)
            foreach (var b in Matrix)
                yield return MatMul(Spec(new Shape(3, m, k), dtype, a, seed++), Spec(new Shape(k, n), dtype, b, seed++));
        }
    }

    /// <summary>Inputs in every matrix layout against weights in every matrix layout, with a bias.</summary>
    private static IEnumerable<OpCase> LinearCases(DType dtype, (int M, int K, int N)[] sizes)
    {
        var seed = 0;
        foreach (var (m, k, n) in sizes)
        foreach (var x in Matrix)
        foreach (var w in Matrix)
        {
            var inputs = new[] { Spec(new Shape(m, k), dtype, x, seed++), Spec(new Shape(k, n), dtype, w, seed++), Spec(new Shape(n), dtype, ViewLayout.Contiguous(1), seed++) };
            yield return new OpCase(OpNames.Linear, inputs, t => t[0].Linear(t[1], t[2], Activation.Tanh), "linear(tanh)");
        }
    }

    private static OpCase MatMul(TensorSpec a, TensorSpec b) => new(OpNames.MatMul, [a, b], t => t[0].MatMul(t[1]), "matmul");

    private static TensorSpec Spec(Shape shape, DType dtype, ViewLayout layout, int seed)
    {
        var rng = new Rng((ulong)seed);
        var values = new double[shape.Size];
        for (var i = 0; i < values.Length; i++) values[i] = rng.NextDouble() * 4 - 2;
        return new TensorSpec(shape, [], dtype, layout).WithValues(values);
    }
}
