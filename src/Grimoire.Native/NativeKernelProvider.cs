using Grimoire.Kernels;
using Grimoire.Native.Interop;
using Grimoire.Ops;

[assembly: KernelProvider(typeof(Grimoire.Native.NativeKernelProvider))]

namespace Grimoire.Native;

/// <summary>Registers the native backend: variant "native" (the library's own SGEMM and row softmax) and
/// "native-&lt;vendor&gt;" matmul through a vendor BLAS. All read host memory (device "cpu"). When libgrimblas or a
/// vendor is missing the kernels stay listed with the reason and are never dispatched.</summary>
public sealed class NativeKernelProvider : IKernelProvider
{
    /// <summary>The backend name, and the variant of the library's own kernels.</summary>
    public const string Backend = "native";

    // Below the managed AVX-512 (30) and AVX2 (20) kernels: at n = 1024 the own SGEMM measured level with the managed
    // AVX-512 one (docs/architecture.md, "Native backend") and slower than the managed AVX2 one on one thread of an
    // AVX2-only Zen 3 (59 vs 73 GFLOP/s, issue 15); so it runs where no managed SIMD kernel can. OpenBLAS runs AVX2
    // kernels on these CPUs.
    private const int OwnPriority = 18;
    private const int VendorPriority = 15;

    /// <inheritdoc/>
    public void Register(KernelRegistry.Registrar registrar)
    {
        void Own(string op, KernelBody body) => registrar.Add(
            new KernelInfo(op, Backend, DType.Float32, Backend, Isa.None, OwnPriority) { Unavailable = () => GrimBlasLibrary.UnavailableReason }, body);

        Own(OpNames.MatMul, NativeKernels.MatMul(NativeKernels.Own));
        Own(OpNames.Linear, NativeKernels.Linear);
        Own(OpNames.Softmax, NativeKernels.Rows(log: false));
        Own(OpNames.LogSoftmax, NativeKernels.Rows(log: true));

        foreach (var vendor in Enum.GetValues<BlasVendor>())
        {
            // OpenBLAS is always listed (it is the one Linux distributions ship), loaded on first use; the others only
            // when installed, so a machine without them lists no kernels it could never run.
            if (vendor != BlasVendor.OpenBlas && !VendorBlas.Probe(vendor).IsAvailable) continue;
            var variant = $"{Backend}-{VendorBlas.Name(vendor)}";
            registrar.Add(new KernelInfo(OpNames.MatMul, variant, DType.Float32, variant, Isa.None, VendorPriority)
            {
                Unavailable = () => VendorBlas.Probe(vendor).UnavailableReason,
            }, NativeKernels.MatMul(NativeKernels.Vendor(vendor)));
        }
    }
}
