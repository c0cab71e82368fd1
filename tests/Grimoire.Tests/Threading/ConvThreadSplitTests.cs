using FsCheck;
using FsCheck.Fluent;
using Grimoire.Cpu;
using Grimoire.Tests.Laws;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Threading;

/// <summary>The convolution kernels cut a call into several chunks per thread (ConvSplit); the conformance cases are too
/// small for that, so these layers are big enough to be cut into many chunks at 2 and 3 threads. Each op must agree with
/// its 1-thread result (itself checked against the reference by the conformance suite), and a second run at the same
/// thread count must give the same bits: the weight gradient's per-chunk sums are added in chunk order, whichever
/// thread ran them.</summary>
[NonParallelizable]
public sealed class ConvThreadSplitTests
{
    public sealed record Case(int N, int Cin, int Cout, int Size, int Stride, int Threads, int Seed)
    {
        public override string ToString() => $"{N}x{Cin}x{Size}x{Size} -> {Cout} k3 s{Stride} p1, {Threads} threads";
    }

    private static Gen<Case> Cases() =>
        Gens.Zip3(Gens.Zip3(Gen.Choose(3, 8), Gen.Choose(4, 16), Gen.Elements(16, 40, 64, 70)), Gens.Zip3(Gen.Choose(8, 16), Gen.Choose(1, 2), Gen.Choose(2, 3)), Gen.Choose(0, 1 << 20))
            .Select(p => new Case(p.Item1.Item1, p.Item1.Item2, p.Item1.Item3, p.Item2.Item1, p.Item2.Item2, p.Item2.Item3, p.Item3));

    [Test]
    public void EveryOpMatchesOneThreadAndRepeatsExactly() => PropertyCheck.ForAll(Cases(), Check, cases: 12);

    private static void Check(Case c)
    {
        using var x = Tensor.RandN(new Shape(c.N, c.Cin, c.Size, c.Size), rng: new Rng((ulong)c.Seed));
        using var w = Tensor.RandN(new Shape(c.Cout, c.Cin, 3, 3), std: 0.1, rng: new Rng((ulong)c.Seed + 1));
        using var b = Tensor.RandN(new Shape(c.Cout), rng: new Rng((ulong)c.Seed + 2));
        var outSize = ((c.Size + 2 - 3) / c.Stride) + 1;
        using var dy = Tensor.RandN(new Shape(c.N, c.Cout, outSize, outSize), rng: new Rng((ulong)c.Seed + 3));
        var ops = new (string Name, Func<Tensor> Run)[]
        {
            ("conv2d", () => x.Conv2d(w, b, c.Stride, 1)),
            ("conv2d_backward_input", () => Tensor.Conv2dBackwardInput(dy, w, x.Shape, c.Stride, 1)),
            ("conv2d_backward_weight", () => Tensor.Conv2dBackwardWeight(dy, x, w.Shape, c.Stride, 1)),
        };
        foreach (var (name, run) in ops)
        {
            var one = Values(run, 1);
            var (first, second) = (Values(run, c.Threads), Values(run, c.Threads));
            Assert.That(second, Is.EqualTo(first), $"{c}: {name} differs between two runs");
            // The weight gradient's sum over the batch is added in another order when cut into chunks.
            var bound = 1e-5 * Math.Max(1, one.Max(Math.Abs));
            for (var i = 0; i < one.Length; i++)
            {
                if (!(Math.Abs(first[i] - one[i]) <= bound))
                    Assert.Fail($"{c}: {name}[{i}] = {first[i]} at {c.Threads} threads, {one[i]} at 1 (bound {bound:E2})");
            }
        }
    }

    private static float[] Values(Func<Tensor> run, int threads)
    {
        var before = CpuParallel.Threads;
        try
        {
            CpuParallel.Threads = threads;
            using var t = run();
            return t.ToArray<float>();
        }
        finally
        {
            CpuParallel.Threads = before;
        }
    }
}
