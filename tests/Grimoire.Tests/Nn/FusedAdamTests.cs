using Grimoire.Diagnostics;
using Grimoire.Kernels;
using Grimoire.Nn;
using Grimoire.Nn.Optimizers;
using Grimoire.Ops;

namespace Grimoire.Tests.Nn;

/// <summary>Adam and AdamW run one fused adam_update per parameter; their results equal the per-op formulation they
/// replaced (which is adam_update's decomposition, forced here).</summary>
public class FusedAdamTests
{
    private static IEnumerable<TestCaseData> Settings() =>
        from dtype in new[] { DType.Float64, DType.Float32 }
        from optimizer in new[] { "adam", "adam with L2 decay", "adamw" }
        select new TestCaseData(dtype, optimizer).SetName($"Fused {optimizer} equals the per-op formulation over 8 steps ({dtype.Name()})");

    [TestCaseSource(nameof(Settings))]
    public void FusedStepsEqualThePerOpFormulation(DType dtype, string optimizer)
    {
        var fused = Train(dtype, optimizer, perOp: false);
        var perOp = Train(dtype, optimizer, perOp: true);
        var tolerance = dtype == DType.Float64 ? 1e-13 : 1e-5;
        for (var i = 0; i < fused.Length; i++)
            Assert.That(fused[i], Is.EqualTo(perOp[i]).Within(tolerance * Math.Max(1, Math.Abs(perOp[i]))), $"element {i}");
    }

    [Test]
    public void OneDispatchPerParameterPerStep()
    {
        var fused = DispatchesPerStep(perOp: false);
        var perOp = DispatchesPerStep(perOp: true);
        TestContext.Out.WriteLine($"Adam step, 2 parameters: {perOp} kernel dispatches per-op, {fused} fused");
        Assert.That(fused, Is.EqualTo(2));
        Assert.That(perOp, Is.GreaterThan(20));
    }

    [Test]
    public void AGradientThatIsABroadcastViewIsMadeDenseFirst()
    {
        using var theta = new Parameter("theta", Tensor.Ones(new Shape(3, 4)));
        using var adam = new Adam([theta], 0.1);
        using var scope = new TensorScope();
        theta.Value.Sum().Backward(); // the gradient of a sum is the incoming scalar expanded to [3, 4]
        adam.Step();
        Assert.That(theta.Value.ToArray<float>(), Is.All.EqualTo(0.9f).Within(1e-6));
    }

    /// <summary>Kernel dispatches of one Adam step on two parameters with gradients.</summary>
    private static int DispatchesPerStep(bool perOp)
    {
        using var w = new Parameter("w", Tensor.Ones(new Shape(3, 4)));
        using var b = new Parameter("b", Tensor.Ones(new Shape(4)));
        using var adam = new Adam([w, b], 0.01);
        using var scope = new TensorScope();
        ((w.Value * w.Value).Sum() + b.Value.Sum()).Backward();
        using var forced = perOp ? KernelRegistry.Force(OpNames.AdamUpdate, KernelRegistry.DecomposedVariant) : null;
        using var profile = OpProfile.Start();
        adam.Step();
        return profile.Entries.Where(e => e.Variant != KernelRegistry.DecomposedVariant).Sum(e => e.Calls);
    }

    /// <summary>Eight steps on a small quadratic with a random target; returns the parameters and both moments.</summary>
    private static double[] Train(DType dtype, string optimizer, bool perOp)
    {
        var rng = new Rng(7);
        using var theta = new Parameter("theta", Tensor.RandN(new Shape(5, 3), rng: rng, dtype: dtype));
        using var target = Tensor.RandN(new Shape(5, 3), rng: rng, dtype: dtype);
        using Optimizer adam = optimizer switch
        {
            "adamw" => new AdamW([theta], 0.05, weightDecay: 0.1),
            "adam with L2 decay" => new Adam([theta], 0.05, weightDecay: 0.1),
            _ => new Adam([theta], 0.05),
        };
        using var forced = perOp ? KernelRegistry.Force(OpNames.AdamUpdate, KernelRegistry.DecomposedVariant) : null;
        for (var step = 0; step < 8; step++)
        {
            using var scope = new TensorScope();
            adam.ZeroGrad();
            var d = theta.Value - target;
            (d * d * d * d).Sum().Backward();
            adam.Step();
        }
        return [.. theta.Value.ToDoubleArray(), .. adam.State.SelectMany(s => s.Tensors[0].ToDoubleArray())];
    }
}
