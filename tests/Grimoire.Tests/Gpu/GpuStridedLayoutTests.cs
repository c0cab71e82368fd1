using FsCheck;
using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gpu;

/// <summary>Shape metadata travels as a kernel argument of at most six merged axes; broadcasts over more axes than that
/// are launched per index of the extra leading ones. Both paths must agree with the host.</summary>
[TestFixture]
public sealed class GpuStridedLayoutTests
{
    private static readonly Device Sim = Grimoire.Gpu.Gpu.Simulator;

    [Test]
    public void BroadcastsOfUpToEightUnmergeableAxesMatchTheHost()
    {
        var gen = from rank in Gen.Choose(1, 8)
                  from dims in Gen.ArrayOf(Gen.Choose(1, 3), rank)
                  from mask in Gen.ArrayOf(Gen.Elements(false, true), rank)
                  select (dims, mask);
        Prop.ForAll(Arb.From(gen), c =>
        {
            using var scope = new TensorScope();
            var rng = new Rng((ulong)c.dims.Sum());
            var a = Tensor.RandN(new Shape(c.dims), rng: rng);
            // b has size 1 wherever the mask says, so it is broadcast along those axes (stride 0: nothing merges there)
            var b = Tensor.RandN(new Shape(c.dims.Select((d, i) => c.mask[i] ? 1 : d).ToArray()), rng: rng);
            var permuted = a.Rank > 1 ? a.Permute([.. Enumerable.Range(0, a.Rank).Reverse()]).Contiguous().Permute([.. Enumerable.Range(0, a.Rank).Reverse()]) : a;
            var expected = (permuted - b).ToDoubleArray();
            var actual = (permuted.To(Sim) - b.To(Sim)).ToDoubleArray();
            Assert.That(actual, Is.EqualTo(expected).Within(1e-6), string.Join("x", c.dims));
        }).QuickCheckThrowOnFailure();
    }
}
