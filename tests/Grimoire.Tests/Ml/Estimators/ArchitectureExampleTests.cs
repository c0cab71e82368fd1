using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Clustering;
using Grimoire.Ml.Models.Linear;
using Grimoire.Ml.Models.Logistic;

namespace Grimoire.Tests.Ml.Estimators;

/// <summary>The code example of docs/architecture.md, "Classical models", runs as written (with a temporary path).</summary>
public sealed class ArchitectureExampleTests
{
    [Test]
    public void TheDocumentedExampleRuns()
    {
        var path = Path.Combine(Path.GetTempPath(), $"grimoire-{Guid.NewGuid():N}.model");
        try
        {
            double[,] x = { { 1, 2 }, { 2, 1 }, { 3, 4 }, { 4, 3 } };
            double[] y = [3.1, 2.9, 7.2, 6.8];
            LinearModel ridge = new Ridge { Alpha = 0.5 }.Fit(x, y);
            double[] yHat = ridge.Predict(x);
            var clf = new LogisticRegression { C = 10, MultiClass = MultiClass.Ovr }.Fit(x, new double[] { 0, 0, 1, 1 });
            double[,] p = clf.PredictProbabilities(x);
            int[] labels = new KMeans { NClusters = 2, RandomState = 1 }.Fit(x).Predict(x);
            ModelFile.Write(path, ridge);
            var again = ModelFile.Load<LinearModel>(path);

            Assert.That(yHat.Zip(y).All(t => Math.Abs(t.First - t.Second) < 0.5), Is.True);
            Assert.That(p[0, 0], Is.GreaterThan(0.5));
            Assert.That(p[3, 1], Is.GreaterThan(0.5));
            Assert.That(labels[0], Is.EqualTo(labels[1]).And.Not.EqualTo(labels[2]));
            Assert.That(again.Predict(x), Is.EqualTo(yHat));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
