using Grimoire.Native;
using Grimoire.Native.Interop;
using static Grimoire.Native.Interop.GrimBlasNative;

namespace Grimoire.Tests.Native;

/// <summary>The library's own checks, reached by calling it directly past the managed validation: each returns its
/// status code, and <see cref="NativeStatus"/> turns it into a <see cref="NativeCallException"/> carrying the C text.</summary>
public unsafe class NativeErrorCodeTests
{
    private const int Row = (int)GemmLayout.RowMajor, NoTrans = (int)GemmTranspose.None;

    [OneTimeSetUp]
    public void Load() => GrimBlasLibrary.EnsureLoaded();

    private static NativeCallException Raised(int status) => Assert.Throws<NativeCallException>(() => NativeStatus.Check(status))!;

    [Test]
    public void LeadingDimensionTooSmall()
    {
        var buffer = stackalloc float[16];
        var status = grimblas_sgemm(Row, NoTrans, NoTrans, 2, 3, 4, 1, buffer, 3, buffer, 3, 0, buffer, 3, 1);
        Assert.That(status, Is.EqualTo((int)GrimBlasStatus.LeadingDimension));
        var e = Raised(status);
        Assert.That(e.Status, Is.EqualTo((int)GrimBlasStatus.LeadingDimension));
        Assert.That(e.Message, Does.Contain("leading dimension too small").And.Contain("lda=3").And.Contain("grimblas_sgemm"));
    }

    [Test]
    public void NullPointerNegativeSizeOverflowAndThreads()
    {
        var buffer = stackalloc float[16];
        Assert.That(grimblas_sgemm(Row, NoTrans, NoTrans, 2, 2, 2, 1, null, 2, buffer, 2, 0, buffer, 2, 1), Is.EqualTo((int)GrimBlasStatus.NullPointer));
        Assert.That(Raised((int)GrimBlasStatus.NullPointer).Message, Does.Contain("A is NULL"));
        Assert.That(grimblas_softmax_rows(buffer, buffer, -2, 3, 1), Is.EqualTo((int)GrimBlasStatus.NegativeSize));
        Assert.That(Raised((int)GrimBlasStatus.NegativeSize).Message, Does.Contain("rows=-2"));
        Assert.That(grimblas_sgemm(Row, NoTrans, NoTrans, long.MaxValue / 2, 2, 2, 1, buffer, 2, buffer, 2, 0, buffer, 2, 1), Is.EqualTo((int)GrimBlasStatus.Overflow));
        Assert.That(grimblas_sgemm(Row, NoTrans, NoTrans, 1, 1, 1, 1, buffer, 1, buffer, 1, 0, buffer, 1, 0), Is.EqualTo((int)GrimBlasStatus.Threads));
        Assert.That(grimblas_sgemm_bias_act(Row, NoTrans, NoTrans, 1, 1, 1, buffer, 1, buffer, 1, null, 7, buffer, 1, 1), Is.EqualTo((int)GrimBlasStatus.BadEnum));
        Assert.That(Raised((int)GrimBlasStatus.BadEnum).Message, Does.Contain("activation=7"));
    }

    [Test]
    public void MissingVendorIsACodeNotACrash()
    {
        var missing = Enum.GetValues<BlasVendor>().Select(VendorBlas.Probe).FirstOrDefault(v => !v.IsAvailable);
        if (missing is null) Assert.Ignore("every vendor BLAS is installed here");
        var buffer = stackalloc float[4];
        var status = grimblas_vendor_sgemm((int)missing.Vendor, Row, NoTrans, NoTrans, 1, 1, 1, 1, buffer, 1, buffer, 1, 0, buffer, 1, 1);
        Assert.That(status, Is.EqualTo((int)GrimBlasStatus.VendorUnavailable));
        Assert.That(missing.UnavailableReason, Does.Contain("tried"));
        var e = Assert.Throws<NativeCallException>(() => VendorBlas.Sgemm(missing.Vendor, GemmLayout.RowMajor, GemmTranspose.None, GemmTranspose.None, 1, 1, 1, 1, [1], 1, [1], 1, 0, new float[1], 1));
        Assert.That(e!.Status, Is.EqualTo((int)GrimBlasStatus.VendorUnavailable));
    }

    [Test]
    public void EveryStatusHasText()
    {
        foreach (var status in Enum.GetValues<GrimBlasStatus>())
            Assert.That(GrimBlasNative.Text(grimblas_status_string((int)status)), Is.Not.EqualTo("unknown status"), status.ToString());
    }
}
