using Grimoire.Kernels;

namespace Grimoire.Tests.Registry;

/// <summary>Edge cases of the GRIMOIRE_KERNELS parser beyond <see cref="KernelRegistryTests"/>: separators only,
/// spaces around the colon, a bad entry after good ones, unknown op names, and the listing form.</summary>
public class OverrideSpecEdgeTests
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase(",")]
    public void AnEmptySpecOverridesNothing(string? spec)
    {
        var parsed = KernelOverrides.Parse(spec);
        Assert.That(parsed.VariantFor("matmul"), Is.Null);
        Assert.That(parsed.ToString(), Is.EqualTo("(none)"));
    }

    [Test]
    public void ListsEntriesInTheSpecForm() =>
        Assert.That(KernelOverrides.Parse("matmul:avx2,*:reference").ToString(), Is.EqualTo("matmul:avx2,*:reference"));

    [Test]
    public void WhitespaceAroundOpAndVariantIsIgnored()
    {
        var spec = KernelOverrides.Parse(" matmul : avx2 ,  exp:reference ");
        Assert.That(spec.VariantFor("matmul"), Is.EqualTo(("avx2", false)));
        Assert.That(spec.VariantFor("exp"), Is.EqualTo(("reference", false)));
    }

    [TestCase("matmul:avx2,exp")]
    [TestCase(" : ")]
    [TestCase("matmul: ")]
    public void MalformedEntriesAreRejectedNamingTheEntryAndTheForm(string spec)
    {
        var e = Assert.Throws<KernelNotFoundException>(() => KernelOverrides.Parse(spec));
        Assert.That(e!.Message, Does.Contain(KernelRegistry.EnvironmentVariable).And.Contain("op:variant"));
        var bad = spec.Split(',')[^1].Trim();
        Assert.That(e.Message, Does.Contain($"'{bad}'"));
    }

    [Test]
    public void AnUnknownOpIsRejectedRatherThanIgnored()
    {
        var e = Assert.Throws<KernelNotFoundException>(() => KernelOverrides.Parse("matmull:avx2"));
        Assert.That(e!.Message, Does.Contain("'matmull'").And.Contain("matmul"), "names the unknown op and lists the known ones");
    }
}
