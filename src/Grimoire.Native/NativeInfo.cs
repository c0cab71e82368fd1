using Grimoire.Native.Interop;

namespace Grimoire.Native;

/// <summary>Lines for `grimoire info`: whether libgrimblas loaded (file, version, micro-kernel) and each vendor BLAS found.</summary>
public static class NativeInfo
{
    /// <summary>The lines, each without a newline. Loads libgrimblas and probes every vendor on first use.</summary>
    public static IEnumerable<string> Describe()
    {
        if (GrimBlasLibrary.UnavailableReason is { } why)
        {
            yield return $"native:    unavailable: {why}";
            yield break;
        }
        yield return $"native:    libgrimblas {NativeBlas.Version} ({GrimBlasLibrary.LoadedPath}), micro-kernel {NativeBlas.KernelIsa}";
        foreach (var vendor in Enum.GetValues<BlasVendor>().Select(VendorBlas.Probe))
        {
            yield return vendor.IsAvailable
                ? $"  vendor {vendor.Name,-9} {vendor.Path}{(vendor.Version is { Length: > 0 } v ? $" ({v})" : "")}"
                : $"  vendor {vendor.Name,-9} not found: {vendor.UnavailableReason}";
        }
    }
}
