using Tp = System.Numerics.Tensors.TensorPrimitives;
using Grimoire.Kernels;
using Grimoire.Ops;

[assembly: KernelProvider(typeof(Grimoire.Plugins.TensorPrimitives.TensorPrimitivesKernelProvider))]

namespace Grimoire.Plugins.TensorPrimitives;

/// <summary>
/// Float32 kernels built on System.Numerics.Tensors.TensorPrimitives, registered as variant
/// "tensorprimitives". Their priority is below the engine's own SIMD kernels, so they run only when
/// forced (GRIMOIRE_KERNELS=exp:tensorprimitives); their value is as a peer that every test and
/// benchmark sees automatically.
/// </summary>
public sealed class TensorPrimitivesKernelProvider : IKernelProvider
{
    public const string Variant = "tensorprimitives";
    private const int Priority = 5;

    public void Register(KernelRegistry.Registrar registrar)
    {
        void Add(string op, KernelBody body) =>
            registrar.Add(new KernelInfo(op, Variant, DType.Float32, Variant, Isa.None, Priority), body);

        // Unary ops get one contiguous input of the output's shape (see OpContracts).
        Add(OpNames.Neg, Unary(Tp.Negate));
        Add(OpNames.Exp, Unary(Tp.Exp));
        Add(OpNames.Log, Unary(Tp.Log));
        Add(OpNames.Sqrt, Unary(Tp.Sqrt));
        Add(OpNames.Abs, Unary(Tp.Abs));
        Add(OpNames.Tanh, Unary(Tp.Tanh));
        Add(OpNames.Sigmoid, Unary(Tp.Sigmoid));
        Add(OpNames.Softmax, RowSoftmax.Run);
    }

    private delegate void SpanFunction(ReadOnlySpan<float> x, Span<float> y);

    private static KernelBody Unary(SpanFunction function) =>
        (inputs, output, _) => function(inputs[0].HostSpan<float>(), output.HostSpan<float>());
}
