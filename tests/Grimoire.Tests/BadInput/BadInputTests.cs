using Grimoire.Ops;

namespace Grimoire.Tests.BadInput;

/// <summary>Every kernel op rejects bad input with a typed exception whose message names the problem,
/// before any kernel runs.</summary>
public class BadInputTests
{
    private static IEnumerable<TestCaseData> Cases() =>
        BadInputCases.All().Select(c => new TestCaseData(c).SetName($"BadInput {c}"));

    [TestCaseSource(nameof(Cases))]
    public void RaisesTypedExceptionNamingTheProblem(BadInputCase c)
    {
        using var scope = new TensorScope();
        var thrown = Assert.Catch(() => c.Act());
        Assert.That(thrown, Is.TypeOf(c.Exception), thrown?.ToString());
        foreach (var mention in c.MessageMentions) Assert.That(thrown!.Message, Does.Contain(mention));
    }

    [Test]
    public void EveryKernelOpHasABadInputCase()
    {
        var covered = BadInputCases.All().Select(c => c.Op).ToHashSet();
        Assert.That(OpNames.All.Where(op => !covered.Contains(op)), Is.Empty);
    }
}
