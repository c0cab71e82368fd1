using Grimoire.Autograd;
using Grimoire.Ops;

namespace Grimoire;

/// <summary>The fused optimizer step: one pass per parameter instead of about seventeen elementwise dispatches.</summary>
public sealed partial class Tensor
{
    /// <summary>One Adam (or, with <see cref="AdamAttributes.Decoupled"/>, AdamW) step in place: updates
    /// <paramref name="param"/>, <paramref name="m"/> and <paramref name="v"/> from <paramref name="grad"/> (PyTorch's formulas,
    /// see <see cref="AdamAttributes"/>). Not recorded for autodiff.</summary>
    /// <exception cref="ShapeException">the four differ in shape, one is not dense, or two share memory.</exception>
    /// <exception cref="DTypeException">dtypes differ or are not floating.</exception>
    /// <exception cref="DeviceException">they are on different devices.</exception>
    /// <exception cref="AutogradException">recording is on and param, m or v requires gradients: writing it in place would
    /// change values a recorded graph has saved.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a setting is out of range (step below 1, β outside [0, 1), …).</exception>
    public static void AdamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, AdamAttributes settings)
    {
        const string op = OpNames.AdamUpdate;
        CheckAdamSettings(settings);
        (Tensor Tensor, string Name)[] operands = [(param, "param"), (grad, "grad"), (m, "m"), (v, "v")];
        Dispatch.SameDType(op, param, grad, m, v);
        Dispatch.SameDevice(op, param, grad, m, v);
        Dispatch.Floating(op, param);
        for (var i = 0; i < operands.Length; i++)
        {
            var (t, name) = operands[i];
            if (t.Shape != param.Shape) throw new ShapeException($"{op}: {name} has shape {t.Shape}, param has {param.Shape}; all four must be equal");
            if (!t.IsContiguous) throw new ShapeException($"{op}: {name} of shape {t.Shape} is a strided view; the update needs dense tensors");
            for (var j = 0; j < i; j++)
            {
                if (ReferenceEquals(t.Storage, operands[j].Tensor.Storage))
                    throw new ShapeException($"{op}: {name} and {operands[j].Name} share memory; the update reads and writes them separately");
            }
        }
        if (GradMode.IsEnabled)
        {
            foreach (var (t, name) in operands.Where(o => o.Name != "grad"))
            {
                if (t.RequiresGrad)
                    throw new AutogradException($"{op} writes {name} in place, but {name} requires gradients while recording is on, so the update " +
                        "would change values a recorded graph depends on; run it under GradMode.NoGrad() as the optimizers do");
            }
        }
        Dispatch.Run(op, param, settings, param, grad, m, v);
    }

    private static void CheckAdamSettings(AdamAttributes s)
    {
        if (s.Step < 1) throw new ArgumentOutOfRangeException(nameof(s.Step), s.Step, "adam_update step counts from 1");
        if (!(s.LearningRate > 0) || !double.IsFinite(s.LearningRate)) throw new ArgumentOutOfRangeException(nameof(s.LearningRate), s.LearningRate, "adam_update learning rate must be a positive finite number");
        if (!(s.Beta1 >= 0 && s.Beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(s.Beta1), s.Beta1, "adam_update beta1 must lie in [0, 1)");
        if (!(s.Beta2 >= 0 && s.Beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(s.Beta2), s.Beta2, "adam_update beta2 must lie in [0, 1)");
        if (!(s.Epsilon > 0) || !double.IsFinite(s.Epsilon)) throw new ArgumentOutOfRangeException(nameof(s.Epsilon), s.Epsilon, "adam_update epsilon must be a positive finite number");
        if (!(s.WeightDecay >= 0) || !double.IsFinite(s.WeightDecay)) throw new ArgumentOutOfRangeException(nameof(s.WeightDecay), s.WeightDecay, "adam_update weight decay must be a finite number >= 0");
    }
}
