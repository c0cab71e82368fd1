namespace Grimoire;

/// <summary>Op outputs whose kernels write every element are allocated without zeroing (a whole extra pass over
/// memory otherwise). With <see cref="Poison"/> on, such memory is filled with all-ones bytes instead, NaN in
/// floats and −1 in int32, so a kernel that leaves an element unwritten produces NaN rather than stale data that
/// happens to be right. The test suite runs with it on; GRIMOIRE_POISON_UNINITIALIZED=1 turns it on elsewhere.</summary>
public static class UninitializedMemory
{
    /// <summary>Set to "1" to turn <see cref="Poison"/> on at start-up.</summary>
    public const string EnvironmentVariable = "GRIMOIRE_POISON_UNINITIALIZED";

    /// <summary>The byte uninitialised memory is filled with when <see cref="Poison"/> is on.</summary>
    public const byte PoisonByte = 0xFF;

    /// <summary>Whether allocations that skip zeroing are poisoned; read on every allocation, process-wide.</summary>
    public static bool Poison { get; set; } = Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";
}
