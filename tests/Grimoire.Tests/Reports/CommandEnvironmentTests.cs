using Grimoire.Bench.Reports;

namespace Grimoire.Tests.Reports;

/// <summary>A report's command carries the settings that chose its kernels. DOTNET_PreferredVectorBitWidth is the one
/// set here: the runtime reads it only at start-up, so changing it inside the test process changes nothing else.</summary>
public class CommandEnvironmentTests
{
    private const string Name = "DOTNET_PreferredVectorBitWidth";

    [Test]
    public void ASetSettingIsWrittenInFrontOfTheCommand()
    {
        var before = Environment.GetEnvironmentVariable(Name);
        try
        {
            Environment.SetEnvironmentVariable(Name, "256");
            Assert.That(CommandEnvironment.Prefix(), Does.Contain($"{Name}=256 "));
            Environment.SetEnvironmentVariable(Name, null);
            Assert.That(CommandEnvironment.Prefix(), Does.Not.Contain(Name));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Name, before);
        }
    }
}
