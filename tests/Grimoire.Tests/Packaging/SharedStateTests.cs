using System.Reflection;

namespace Grimoire.Tests.Packaging;

/// <summary>No shipped library exposes a public static array: every caller shares it, and one that writes into it
/// (PngWriter.Signature, BuiltinDatasets.Names were such) silently changes what every other caller reads.</summary>
public sealed class SharedStateTests
{
    private static readonly Assembly[] Shipped =
    [
        typeof(Tensor).Assembly, typeof(Grimoire.Cpu.CpuKernelProvider).Assembly, typeof(Grimoire.Native.NativeKernelProvider).Assembly,
        typeof(Grimoire.Gpu.GpuKernelProvider).Assembly, typeof(Grimoire.Nn.Module).Assembly, typeof(Grimoire.Ml.DataException).Assembly,
        typeof(Grimoire.Models.NeuralModels).Assembly, typeof(Grimoire.Imaging.Canvas).Assembly,
    ];

    [Test]
    public void NoPublicStaticFieldOrPropertyIsAnArray()
    {
        const BindingFlags PublicStatic = BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var arrays = Shipped.SelectMany(a => a.GetExportedTypes())
            .SelectMany(t => t.GetFields(PublicStatic).Select(f => (Member: (MemberInfo)f, Type: f.FieldType))
                .Concat(t.GetProperties(PublicStatic).Select(p => (Member: (MemberInfo)p, Type: p.PropertyType))))
            .Where(m => m.Type.IsArray)
            .Select(m => $"{m.Member.DeclaringType!.FullName}.{m.Member.Name}")
            .ToArray();
        Assert.That(arrays, Is.Empty);
        Assert.That(Grimoire.Ml.Data.BuiltinDatasets.Names, Is.Not.InstanceOf<string[]>(), "a read-only list that casts back to a writable array");
    }
}
