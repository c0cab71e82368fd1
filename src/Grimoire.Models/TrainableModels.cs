using Grimoire.Models.Neural;
using Grimoire.Models.Vision;
using Grimoire.Models.Vision.Segmentation;

namespace Grimoire.Models;

/// <summary>Every model of `grimoire train`, in the order the help lists them.</summary>
public static class TrainableModels
{
    public static readonly IReadOnlyList<ITrainable> All =
        [DigitsModels.Mlp, DigitsModels.Cnn, XorModels.Perceptron, XorModels.Mlp, new SceneSegmenter(), new RotationPretext(), new ContrastivePretext()];
}
