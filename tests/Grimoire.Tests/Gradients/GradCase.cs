using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gradients;

/// <summary>A differentiable function of generated float64 inputs. Int32 inputs and those listed in
/// <see cref="Constants"/> (masks, indices) receive no gradient.</summary>
public sealed record GradCase(string Name, TensorSpec[] Inputs, Func<Tensor[], Tensor> F, int[]? Constants = null)
{
    public bool IsDifferentiable(int input) => Inputs[input].DType != DType.Int32 && !(Constants?.Contains(input) ?? false);

    public override string ToString() => $"{Name} on {string.Join(", ", Inputs.Select(i => i.ToString()))}";
}
