using Grimoire.Ml.Models;
using Grimoire.Models.Networks;
using Grimoire.Models.Neural;
using Grimoire.Models.Vision;
using Grimoire.Models.Vision.Segmentation;

[assembly: ModelProvider(typeof(Grimoire.Models.NeuralModels))]

namespace Grimoire.Models;

/// <summary>The networks of book parts 2 and 3, in the catalogue whenever this library ships with the application.</summary>
public sealed class NeuralModels : IModelProvider
{
    /// <inheritdoc/>
    public IEnumerable<IModelPlugin> Models =>
    [
        new NetworkPlugin<MlpDigits>(),
        new NetworkPlugin<CnnDigits>(),
        new NetworkPlugin<PerceptronXor>(),
        new NetworkPlugin<MlpXor>(),
        new NetworkPlugin<SceneSegmenter>(),
        new NetworkPlugin<RotationPretext>(),
        new NetworkPlugin<ContrastivePretext>(),
    ];
}
