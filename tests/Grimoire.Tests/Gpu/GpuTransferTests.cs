using FsCheck;
using FsCheck.Fluent;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gpu;

/// <summary>Host to device and back: values, dtypes and layouts survive the round trip; device memory is released
/// with the last view; mixing devices and using released tensors are typed errors.</summary>
[TestFixture]
public sealed class GpuTransferTests
{
    private static readonly Device Gpu = Grimoire.Gpu.Gpu.Simulator;

    [TestCase(DType.Float32)]
    [TestCase(DType.Float64)]
    [TestCase(DType.Int32)]
    public void RoundTripKeepsValuesShapeAndDType(DType dtype)
    {
        var gen = Gens.Shape(0, 4, maxSize: 300).SelectMany(s => Gens.Tensor(s, dtype, -100, 100));
        Prop.ForAll(Arb.From(gen), spec =>
        {
            using var host = spec.Build();
            using var device = host.To(Gpu);
            using var back = device.To(Device.Cpu);
            Assert.That(device.Device, Is.EqualTo(Gpu));
            Assert.That((device.Shape, device.DType), Is.EqualTo((host.Shape, host.DType)));
            Assert.That(back.ToDoubleArray(), Is.EqualTo(host.ToDoubleArray()), spec.ToString());
        }).QuickCheckThrowOnFailure();
    }

    [Test]
    public void ViewsOfDeviceTensorsCopyTheirOwnElements()
    {
        using var host = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), new Shape(2, 3, 4));
        using var device = host.To(Gpu);
        using var view = device.Permute(2, 0, 1).Slice(0, 1, 4, 2);
        using var expected = host.Permute(2, 0, 1).Slice(0, 1, 4, 2);
        using var back = view.To(Device.Cpu);
        Assert.That(back.Shape, Is.EqualTo(expected.Shape));
        Assert.That(back.ToDoubleArray(), Is.EqualTo(expected.ToDoubleArray()));
    }

    [Test]
    public void DisposingTheLastViewReleasesDeviceMemory()
    {
        using var host = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, new Shape(4));
        var device = host.To(Gpu);
        var storage = device.Storage;
        var view = device.Reshape(2, 2);
        device.Dispose();
        Assert.That(storage.IsReleased, Is.False, "a view still holds the storage");
        Assert.That(view.ToDoubleArray(), Is.EqualTo(new double[] { 1, 2, 3, 4 }));
        view.Dispose();
        Assert.That(storage.IsReleased, Is.True);
        Assert.Throws<DisposedTensorException>(() => view.To(Device.Cpu));
    }

    [Test]
    public void MixingDevicesIsADeviceErrorNamingBoth()
    {
        using var host = Tensor.FromArray(new float[] { 1, 2 }, new Shape(2));
        using var device = host.To(Gpu);
        var error = Assert.Throws<DeviceException>(() => (host + device).Dispose());
        Assert.That(error!.Message, Does.Contain("cpu").And.Contain("gpu").And.Contain("To(device)"));
    }
}
