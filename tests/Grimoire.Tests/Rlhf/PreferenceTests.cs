using Grimoire.Rlhf.Preferences;

namespace Grimoire.Tests.Rlhf;

/// <summary>The stand-in labeller and the pairs file: the oracle's score, noise-free judgements, flipped ones at full
/// noise, and a file that round-trips while a damaged one is refused with its line number.</summary>
public sealed class PreferenceTests
{
    [Test]
    public void OracleScoresTheFractionOfVowels()
    {
        Assert.That(VowelOracle.Score("AbEcd"), Is.EqualTo(0.4));
        Assert.That(VowelOracle.Score(""), Is.Zero);
    }

    [Test]
    public void WithoutNoiseTheHigherScoreIsPreferredAndAtHalfNoiseAboutHalfTheJudgementsFlip()
    {
        var clean = new OracleLabeller();
        Assert.That(clean.PrefersFirst("p", "aeiou", "xyz"), Is.True);
        Assert.That(clean.PrefersFirst("p", "xyz", "aeiou"), Is.False);
        var noisy = new OracleLabeller(noise: 0.5, seed: 4);
        var agree = Enumerable.Range(0, 2000).Count(_ => noisy.PrefersFirst("p", "aeiou", "xyz"));
        Assert.That(agree, Is.InRange(850, 1150));
        Assert.That(() => new OracleLabeller(0.7), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void PairsFileRoundTripsAndADamagedLineIsNamed()
    {
        var path = Path.GetTempFileName();
        try
        {
            PreferencePair[] pairs = [new("a \"q\"", "b\n", "c"), new("d", "e", "f")];
            PreferenceFile.Write(path, pairs);
            Assert.That(PreferenceFile.Read(path), Is.EqualTo(pairs));
            File.AppendAllText(path, "{\"prompt\": \"x\"}\n");
            Assert.That(() => PreferenceFile.Read(path), Throws.InstanceOf<Grimoire.Text.TextDataException>().With.Message.Contain(":3:"));
        }
        finally { File.Delete(path); }
    }
}
