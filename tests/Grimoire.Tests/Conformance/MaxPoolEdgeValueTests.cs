using Grimoire.Kernels;
using Grimoire.Ops;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Conformance;

/// <summary>Random images never hold NaN, infinities or signed zeros; every max-pooling kernel must treat them as the
/// reference does: a window holding NaN pools to NaN and passes its gradient to its first NaN, −∞ is an ordinary
/// value, and −0 ties with +0. The image is wide enough (40 windows a row) for the vector kernels' full chunks and tails.</summary>
public class MaxPoolEdgeValueTests
{
    private static readonly float[] EdgeValues = [float.NaN, float.NegativeInfinity, float.PositiveInfinity, -0f, 0f, 1.5f, -2f, float.NaN, 3f];

    private static IEnumerable<TestCaseData> Kernels() =>
        KernelRegistry.All.Where(k => OpNames.Pooling.Contains(k.Info.Op) && k.Info.DType == DType.Float32 && k.Info.IsUsable && !k.Info.IsReference)
            .Select(k => new TestCaseData(k.Info.Op, k.Info.Variant, k.Info.Device).SetName($"Max pool edge values {k.Info.Op}:{k.Info.Variant}"));

    [TestCaseSource(nameof(Kernels))]
    public void MatchesTheReference(string op, string variant, string device)
    {
        using var scope = new TensorScope();
        var rng = new Random(7);
        var pixels = Enumerable.Range(0, 2 * 6 * 80).Select(_ => rng.Next(3) == 0 ? EdgeValues[rng.Next(EdgeValues.Length)] : (float)rng.Next(-3, 4)).ToArray();
        var image = Tensor.FromArray(pixels).Reshape(1, 2, 6, 80);
        var gradient = Tensor.RandN(new Shape(1, 2, 3, 40), rng: new Rng(1));
        double[] Run(Device on)
        {
            var x = image.To(on);
            var pooled = x.MaxPool2d(2);
            return (op == OpNames.MaxPool2d ? pooled : Tensor.MaxPool2dBackward(gradient.To(on), x, pooled, 2)).To(Device.Cpu).ToDoubleArray();
        }
        double[] actual, expected;
        using (KernelRegistry.Force(op, variant)) actual = Run(new Device(device));
        using (KernelRegistry.Force("*", KernelRegistry.ReferenceVariant)) expected = Run(Device.Cpu);
        Compare.Within(actual, expected, Tolerances.For(op, DType.Float32), $"{op}:{variant} on edge values");
    }
}
