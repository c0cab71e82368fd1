using Grimoire.Autograd;

namespace Grimoire.Nn.Training;

/// <summary>Evaluation of a classifier: the model runs in evaluation mode without recording, and its previous
/// mode is restored afterwards.</summary>
public static class Metrics
{
    /// <summary>Fraction of rows whose arg-max logit equals the int32 label.</summary>
    public static double Accuracy(Module model, Tensor x, Tensor labels)
    {
        if (labels.Rank != 1 || labels.Shape[0] != x.Shape[0])
            throw new ShapeException($"accuracy needs one label per row of {x.Shape}, got labels of shape {labels.Shape}");
        if (labels.DType != DType.Int32) throw new DTypeException($"accuracy needs int32 class labels, got {labels.DType.Name()}");
        return Evaluating(model, () =>
        {
            var predicted = model.Forward(x).ArgMax(-1).ToArray<int>();
            var actual = labels.ToArray<int>();
            var correct = predicted.Where((p, i) => p == actual[i]).Count();
            return (double)correct / actual.Length;
        });
    }

    /// <summary>The scalar <paramref name="loss"/> of the model's output on <paramref name="x"/> against <paramref name="targets"/>.</summary>
    public static double Loss(Module model, Tensor x, Tensor targets, Func<Tensor, Tensor, Tensor> loss) =>
        Evaluating(model, () => loss(model.Forward(x), targets).Item());

    /// <summary>Runs <paramref name="measure"/> with the model in evaluation mode, nothing recorded and its tensors
    /// freed, then restores the model's mode.</summary>
    internal static T Evaluating<T>(ModuleBase model, Func<T> measure)
    {
        var wasTraining = model.Training;
        model.Eval();
        try
        {
            using var noGrad = GradMode.NoGrad();
            using var scope = new TensorScope();
            return measure();
        }
        finally
        {
            if (wasTraining) model.Train();
        }
    }
}
