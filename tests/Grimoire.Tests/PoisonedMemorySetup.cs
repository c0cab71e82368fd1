namespace Grimoire.Tests;

/// <summary>Every test runs with uninitialised op outputs poisoned (NaN, −1), so a kernel that skips an element
/// fails its conformance test instead of passing on leftover data.</summary>
[SetUpFixture]
public sealed class PoisonedMemorySetup
{
    [OneTimeSetUp]
    public void PoisonUninitializedMemory() => UninitializedMemory.Poison = true;
}
