namespace Grimoire.Tests.Fuzzing;

/// <summary>
/// Hostile files: seeded mutants of valid model files (every model kind, saved as `fit --out` saves it), a
/// checkpoint, a plain safetensors file and a .npy data set. Each mutant must either load and hold exactly what the
/// file holds, or be refused with a <see cref="GrimoireException"/> that names the file (and, for a checkpoint,
/// leaves the network and optimizer untouched). The default count keeps the whole fixture near a minute on two
/// cores; GRIMOIRE_FUZZ_FILES=N runs N mutants per subject and GRIMOIRE_FUZZ_SEED picks another master seed
/// (docs/reliability.md, "Hostile files").
/// </summary>
[TestFixture]
public sealed class FileFuzzTests
{
    private const int DefaultMutants = 10000;
    private const int DefaultSeed = 12;

    private static readonly Dictionary<string, Func<FuzzSubject>> Subjects = new()
    {
        ["linear-regression"] = () => new ModelFileSubject("linear-regression", "diabetes"),
        ["ridge"] = () => new ModelFileSubject("ridge", "diabetes", "alpha=0.5"),
        ["lasso"] = () => new ModelFileSubject("lasso", "diabetes", "alpha=0.1"),
        ["elastic-net"] = () => new ModelFileSubject("elastic-net", "diabetes", "alpha=0.1", "l1_ratio=0.3"),
        ["logistic-multinomial"] = () => new ModelFileSubject("logistic-regression", "iris"),
        ["logistic-ovr"] = () => new ModelFileSubject("logistic-regression", "wine", "multi_class=ovr", "max_iter=30"),
        ["logistic-binary"] = () => new ModelFileSubject("logistic-regression", "breast_cancer", "max_iter=30"),
        ["kmeans"] = () => new ModelFileSubject("kmeans", "iris", "n_clusters=3"),
        ["kmedians"] = () => new ModelFileSubject("kmedians", "iris", "n_clusters=3", "init=first"),
        ["checkpoint"] = () => new CheckpointSubject(),
        ["safetensors"] = () => new PlainSafeTensorsSubject(),
        ["npy"] = () => new NpySubject(),
    };

    public static IEnumerable<string> SubjectNames => Subjects.Keys;

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var value) && value > 0 ? value : fallback;

    [TestCaseSource(nameof(SubjectNames))]
    public void EveryMutantLoadsExactlyOrIsATypedError(string subjectName)
    {
        var directory = Directory.CreateTempSubdirectory("grimoire-fuzz-").FullName;
        try
        {
            using var subject = Subjects[subjectName]();
            var report = FuzzCampaign.Run(subject, Setting("GRIMOIRE_FUZZ_FILES", DefaultMutants), Setting("GRIMOIRE_FUZZ_SEED", DefaultSeed), directory);
            TestContext.Out.Write(report.ToString());
            Assert.That(report.Failures, Is.Empty, report.ToString());
            Assert.That(report.Refused, Is.Positive, "the mutations reach the typed errors");
            Assert.That(report.Accepted, Is.Positive, "some mutants stay loadable, so the acceptance check runs");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
