using Grimoire.Kernels;
using Grimoire.Ops;
using Grimoire.Native;
using static Grimoire.Native.GemmLayout;
using static Grimoire.Native.GemmTranspose;

namespace Grimoire.Tests.Native;

/// <summary>The native wrapper's results: the dense-layer epilogue against its decomposition into engine ops, the
/// column-major path against the row-major one, and a vendor BLAS (when installed) against the own SGEMM.</summary>
public class NativeBlasTests
{
    private const int M = 37, N = 29, K = 45;

    private static float[] Random(int count, int seed) => Tensor.RandN(new Shape(count), rng: new Rng((ulong)seed)).ToArray<float>();

    [TestCase(Activation.None)]
    [TestCase(Activation.Relu)]
    [TestCase(Activation.Sigmoid)]
    [TestCase(Activation.Tanh)]
    public void DenseLayerEpilogueMatchesMatMulPlusBiasThenActivation(Activation activation)
    {
        using var scope = new TensorScope();
        var (a, b, bias) = (Random(M * K, 1), Random(K * N, 2), Random(N, 3));
        var c = new float[M * N];
        NativeBlas.SgemmBiasAct(RowMajor, None, None, M, N, K, a, K, b, N, bias, activation, c, N, threads: 2);

        var z = Tensor.FromArray(a, new Shape(M, K)).MatMul(Tensor.FromArray(b, new Shape(K, N))) + Tensor.FromArray(bias, new Shape(N));
        var expected = activation switch
        {
            Activation.Relu => z.Relu(),
            Activation.Sigmoid => z.Sigmoid(),
            Activation.Tanh => z.Tanh(),
            _ => z,
        };
        Assert.That(c, Is.EqualTo(expected.ToArray<float>()).Within(1e-4f));
    }

    [Test]
    public void ColumnMajorIsTheTransposedRowMajorProduct()
    {
        var (a, b) = (Random(M * K, 4), Random(K * N, 5));
        var rowMajor = new float[M * N];
        NativeBlas.Sgemm(RowMajor, None, None, M, N, K, 1, a, K, b, N, 0, rowMajor, N);
        // Row-major A (M x K) read as column-major is Aᵀ, so Cᵀ = Bᵀ·Aᵀ comes out as C row-major.
        var columnMajor = new float[M * N];
        NativeBlas.Sgemm(ColumnMajor, None, None, N, M, K, 1, b, N, a, K, 0, columnMajor, N);
        Assert.That(columnMajor, Is.EqualTo(rowMajor).Within(1e-5f));
    }

    [Test]
    public void InstalledVendorsAgreeWithTheOwnSgemm()
    {
        var vendors = Enum.GetValues<BlasVendor>().Select(VendorBlas.Probe).Where(v => v.IsAvailable).ToList();
        if (vendors.Count == 0) Assert.Ignore("no vendor BLAS installed here");
        var (a, b, c0) = (Random(M * K, 6), Random(N * K, 7), Random(M * N, 8));
        var own = (float[])c0.Clone();
        NativeBlas.Sgemm(RowMajor, Transpose, Transpose, M, N, K, 0.5f, a, M, b, K, 2f, own, N);
        foreach (var vendor in vendors)
        {
            var theirs = (float[])c0.Clone();
            VendorBlas.Sgemm(vendor.Vendor, RowMajor, Transpose, Transpose, M, N, K, 0.5f, a, M, b, K, 2f, theirs, N);
            Assert.That(theirs, Is.EqualTo(own).Within(1e-4f), vendor.Name);
        }
    }

    [TestCase("native")]
    [TestCase("native-openblas")]
    [TestCase("native-blis")]
    public void EmptyProductsGiveEmptyResults(string variant)
    {
        // Vendors other than OpenBLAS are registered only where installed.
        var kernel = KernelRegistry.All.SingleOrDefault(k => k.Info.Op == OpNames.MatMul && k.Info.Variant == variant && k.Info.DType == DType.Float32);
        if (kernel is null) Assert.Ignore($"{variant} is not registered: its library is not installed here");
        if (kernel.Info.UnavailableReason is { } why) Assert.Ignore(why);
        using var scope = new TensorScope();
        using var forced = KernelRegistry.Force(kernel);
        Assert.That(Tensor.Ones(new Shape(3, 4)).MatMul(Tensor.Ones(new Shape(4, 0))).Shape, Is.EqualTo(new Shape(3, 0)));
        Assert.That(Tensor.Ones(new Shape(0, 4)).MatMul(Tensor.Ones(new Shape(4, 2))).Shape, Is.EqualTo(new Shape(0, 2)));
        Assert.That(Tensor.Ones(new Shape(3, 0)).MatMul(Tensor.Ones(new Shape(0, 2))).ToArray<float>(), Is.All.EqualTo(0f));
    }
}
