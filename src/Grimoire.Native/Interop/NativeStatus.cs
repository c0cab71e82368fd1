namespace Grimoire.Native.Interop;

/// <summary>Turns a grimblas status code into an exception carrying the library's text and its description of
/// the failure (which argument, which values).</summary>
internal static unsafe class NativeStatus
{
    /// <exception cref="NativeCallException">status is not <see cref="GrimBlasStatus.Ok"/>.</exception>
    public static void Check(int status)
    {
        if (status == (int)GrimBlasStatus.Ok) return;
        var text = GrimBlasNative.Text(GrimBlasNative.grimblas_status_string(status));
        var detail = GrimBlasNative.Text(GrimBlasNative.grimblas_last_error());
        throw new NativeCallException(status, $"grimblas error {status} ({text}): {detail}");
    }
}
