using Grimoire.Diagnostics;
using Grimoire.Ops;

namespace Grimoire.Tests.Diagnostics;

public class OpProfileTests
{
    [Test]
    public void CountsKernelRunsPerSectionAndOp()
    {
        using var scope = new TensorScope();
        var x = Tensor.RandN(new Shape(4, 3));
        x.RequiresGrad = true;
        using var profile = OpProfile.Start();
        Tensor loss;
        using (OpProfile.Section("forward")) loss = (x.Exp() * x).Sum();
        loss.Backward();
        var entries = profile.Entries;
        Assert.That(entries.Single(e => e.Section == "forward" && e.Op == OpNames.Exp).Calls, Is.EqualTo(1));
        Assert.That(entries.Single(e => e.Section == "forward" && e.Op == OpNames.Sum).Calls, Is.EqualTo(1));
        Assert.That(entries.Where(e => e.Section == "backward").Select(e => e.Op), Does.Contain(OpNames.Mul));
        Assert.That(entries, Has.All.Matches<OpProfile.Entry>(e => e!.Seconds >= 0 && e.Variant.Length > 0));
    }

    [Test]
    public void RecordsNothingOnceDisposedOrOnOtherThreads()
    {
        using var scope = new TensorScope();
        var x = Tensor.RandN(new Shape(8));
        var profile = OpProfile.Start();
        Task.Run(() => x.Exp().Dispose()).Wait();
        profile.Dispose();
        x.Neg().Dispose();
        Assert.That(profile.Entries, Is.Empty);
    }

    [Test]
    public void OpsOutsideAnySectionAreFiledUnderOther()
    {
        using var scope = new TensorScope();
        using var profile = OpProfile.Start();
        Tensor.RandN(new Shape(8)).Neg();
        Assert.That(profile.Entries.Single(e => e.Op == OpNames.Neg).Section, Is.EqualTo("other"));
    }
}
