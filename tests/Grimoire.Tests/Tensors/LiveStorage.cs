namespace Grimoire.Tests.Tensors;

/// <summary>Counts storages still allocated. Storages leaked by earlier tests are released by finalizers at
/// unpredictable times; collecting first lets a test compare counts without that noise (tests run serially).</summary>
internal static class LiveStorage
{
    public static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Storage.LiveCount;
    }
}
