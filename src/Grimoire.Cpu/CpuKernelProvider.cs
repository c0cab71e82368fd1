using System.Numerics;
using Grimoire.Cpu.Convolution;
using Grimoire.Cpu.Gemm;
using Grimoire.Cpu.Kernels;
using Grimoire.Cpu.Reference;
using Grimoire.Cpu.Simd;
using Grimoire.Kernels;
using Grimoire.Ops;

[assembly: KernelProvider(typeof(Grimoire.Cpu.CpuKernelProvider))]

namespace Grimoire.Cpu;

/// <summary>Registers the managed CPU kernels: the reference oracle for every op and dtype, the SIMD
/// float32 kernels once per width (AVX-512 and AVX2, from the same generic source), and block-copy
/// movement kernels for every dtype.</summary>
public sealed class CpuKernelProvider : IKernelProvider
{
    /// <summary>The backend name the managed CPU kernels register under.</summary>
    public const string Backend = "cpu";
    private const int MovementPriority = 10;

    /// <inheritdoc/>
    public void Register(KernelRegistry.Registrar registrar)
    {
        ReferenceKernels.Register(registrar);
        RegisterWidth<Vec512, System.Runtime.Intrinsics.Vector512<float>>(registrar, "avx512", Isa.Avx512, 30, GemmIsa.Avx512);
        RegisterWidth<Vec256, System.Runtime.Intrinsics.Vector256<float>>(registrar, "avx2", Isa.Avx2, 20, GemmIsa.Avx2);
        RegisterMovement<float>(registrar, DType.Float32);
        RegisterMovement<double>(registrar, DType.Float64);
        RegisterMovement<int>(registrar, DType.Int32);
        RegisterConvolution<float>(registrar, DType.Float32);
        registrar.Add(new KernelInfo(OpNames.MaxPool2d, Backend, DType.Float32, "avx512", Isa.Avx512, 30), MaxPool2x2Avx512.Forward);
        registrar.Add(new KernelInfo(OpNames.MaxPool2dBackward, Backend, DType.Float32, "avx512", Isa.Avx512, 30), MaxPool2x2Avx512.Backward);
        RegisterConvolution<double>(registrar, DType.Float64);
        RegisterFloat64(registrar);
    }

    /// <summary>Float64 kernels for what the classical models run at scale, and the convolutions; every other float64 op
    /// uses the reference.</summary>
    private static void RegisterFloat64(KernelRegistry.Registrar r)
    {
        void Add(string op, KernelBody body) => r.Add(new KernelInfo(op, Backend, DType.Float64, "blocked", Isa.None, MovementPriority), body);

        Add(OpNames.MatMul, DoubleMatMul.Run);
        Add(OpNames.Add, DoubleElementwise.Binary(DoubleElementwise.Operation.Add));
        Add(OpNames.Sub, DoubleElementwise.Binary(DoubleElementwise.Operation.Sub));
        Add(OpNames.Mul, DoubleElementwise.Binary(DoubleElementwise.Operation.Mul));
        Add(OpNames.Div, DoubleElementwise.Binary(DoubleElementwise.Operation.Div));
        Add(OpNames.Sum, DoubleElementwise.Sum);
        Add(OpNames.LayerNorm, DoubleFused.LayerNorm);
        Add(OpNames.NormalLogProb, DoubleFused.NormalLogProb);
        Add(OpNames.CategoricalLogProb, DoubleFused.CategoricalLogProb);
        Add(OpNames.AdamUpdate, DoubleFused.AdamUpdate);
        foreach (var op in DoubleElementwise.UnaryOps) Add(op, DoubleElementwise.Unary(op));
        Add(OpNames.Minimum, DoubleElementwise.Binary(DoubleElementwise.Operation.Minimum));
        foreach (var op in DoubleFunctions.Ops) Add(op, DoubleFunctions.For(op));
        // The convolutions in float64: unfold (blocked) and the float64 GEMM above, i.e. the ops' own decomposition.
        foreach (var op in OpNames.Convolution) Add(op, KernelRegistry.DecompositionBody(op)!);
    }

    private static void RegisterConvolution<T>(KernelRegistry.Registrar r, DType dtype) where T : unmanaged, INumber<T>
    {
        r.Add(new KernelInfo(OpNames.MaxPool2d, Backend, dtype, "blocked", Isa.None, MovementPriority), MaxPool<T>.Forward);
        r.Add(new KernelInfo(OpNames.MaxPool2dBackward, Backend, dtype, "blocked", Isa.None, MovementPriority), MaxPool<T>.Backward);
        r.Add(new KernelInfo(OpNames.Unfold, Backend, dtype, "blocked", Isa.None, MovementPriority), Im2Col<T>.Unfold);
        r.Add(new KernelInfo(OpNames.Fold, Backend, dtype, "blocked", Isa.None, MovementPriority), Im2Col<T>.Fold);
        r.Add(new KernelInfo(OpNames.CumSum, Backend, dtype, "blocked", Isa.None, MovementPriority), CumSum<T>.Run);
        r.Add(new KernelInfo(OpNames.AvgPool2d, Backend, dtype, "blocked", Isa.None, MovementPriority), AvgPool<T>.Forward);
        r.Add(new KernelInfo(OpNames.AvgPool2dBackward, Backend, dtype, "blocked", Isa.None, MovementPriority), AvgPool<T>.Backward);
    }

    private static void RegisterWidth<TW, TV>(KernelRegistry.Registrar r, string variant, Isa isa, int priority, GemmIsa gemm)
        where TW : IVec<TV> where TV : struct
    {
        void Add(string op, KernelBody body) => r.Add(new KernelInfo(op, Backend, DType.Float32, variant, isa, priority), body);

        Add(OpNames.Neg, SimdElementwise<TW, TV>.Unary<NegFn>);
        Add(OpNames.Exp, SimdElementwise<TW, TV>.Unary<ExpFn>);
        Add(OpNames.Log, SimdElementwise<TW, TV>.Unary<LogFn>);
        Add(OpNames.Sqrt, SimdElementwise<TW, TV>.Unary<SqrtFn>);
        Add(OpNames.Abs, SimdElementwise<TW, TV>.Unary<AbsFn>);
        Add(OpNames.Tanh, SimdElementwise<TW, TV>.Unary<TanhFn>);
        Add(OpNames.Sigmoid, SimdElementwise<TW, TV>.Unary<SigmoidFn>);
        Add(OpNames.Relu, SimdElementwise<TW, TV>.Unary<ReluFn>);
        Add(OpNames.LeakyRelu, SimdElementwise<TW, TV>.Unary<LeakyReluFn>);
        Add(OpNames.Add, SimdElementwise<TW, TV>.Binary<AddFn>);
        Add(OpNames.Sub, SimdElementwise<TW, TV>.Binary<SubFn>);
        Add(OpNames.Mul, SimdElementwise<TW, TV>.Binary<MulFn>);
        Add(OpNames.Div, SimdElementwise<TW, TV>.Binary<DivFn>);
        Add(OpNames.Maximum, SimdElementwise<TW, TV>.Binary<MaximumFn>);
        Add(OpNames.Pow, SimdElementwise<TW, TV>.Binary<PowFn>);
        Add(OpNames.Eq, SimdElementwise<TW, TV>.Binary<EqFn>);
        Add(OpNames.Ne, SimdElementwise<TW, TV>.Binary<NeFn>);
        Add(OpNames.Lt, SimdElementwise<TW, TV>.Binary<LtFn>);
        Add(OpNames.Le, SimdElementwise<TW, TV>.Binary<LeFn>);
        Add(OpNames.Gt, SimdElementwise<TW, TV>.Binary<GtFn>);
        Add(OpNames.Ge, SimdElementwise<TW, TV>.Binary<GeFn>);
        Add(OpNames.Where, SimdElementwise<TW, TV>.Where);
        Add(OpNames.Sum, SimdReduce<TW, TV>.Reduce<SumReduce>);
        Add(OpNames.Max, SimdReduce<TW, TV>.Reduce<MaxReduce>);
        Add(OpNames.ArgMax, SimdReduce<TW, TV>.ArgMax);
        Add(OpNames.ScatterAdd, SimdScatter<TW, TV>.ScatterAdd);
        Add(OpNames.MatMul, MatMulKernel.For(gemm));
        Add(OpNames.Linear, MatMulKernel.LinearFor(gemm));
        var (forward, input, weight) = ConvKernels.For(gemm);
        Add(OpNames.Conv2d, forward);
        Add(OpNames.Conv2dBackwardInput, input);
        Add(OpNames.Conv2dBackwardWeight, weight);
        Add(OpNames.Softmax, SimdRows<TW, TV>.Softmax);
        Add(OpNames.LogSoftmax, SimdRows<TW, TV>.LogSoftmax);
        Add(OpNames.CrossEntropy, SimdRows<TW, TV>.CrossEntropy);
        Add(OpNames.Mse, SimdRows<TW, TV>.Mse);
        Add(OpNames.LayerNorm, SimdFused<TW, TV>.LayerNorm);
        Add(OpNames.NormalLogProb, SimdFused<TW, TV>.NormalLogProb);
        Add(OpNames.CategoricalLogProb, SimdFused<TW, TV>.CategoricalLogProb);
        Add(OpNames.AdamUpdate, SimdFused<TW, TV>.AdamUpdate);
        Add(OpNames.LstmCell, SimdRecurrent<TW, TV>.LstmCell);
        Add(OpNames.LstmCellBackward, SimdRecurrent<TW, TV>.LstmCellBackward);
        Add(OpNames.GruCell, SimdRecurrent<TW, TV>.GruCell);
        Add(OpNames.GruCellBackward, SimdRecurrent<TW, TV>.GruCellBackward);
        Add(OpNames.Attention, SimdAttention<TW, TV>.Forward(gemm));
        Add(OpNames.AttentionBackward, SimdAttention<TW, TV>.Backward(gemm));
        RegisterFunctions<TW, TV>(Add);
    }

    /// <summary>Trigonometric, special and activation functions and minimum (issue 13).</summary>
    private static void RegisterFunctions<TW, TV>(Action<string, KernelBody> add) where TW : IVec<TV> where TV : struct
    {
        add(OpNames.Sin, SimdElementwise<TW, TV>.Unary<SinFn>);
        add(OpNames.Cos, SimdElementwise<TW, TV>.Unary<CosFn>);
        add(OpNames.Log1p, SimdElementwise<TW, TV>.Unary<Log1pFn>);
        add(OpNames.Expm1, SimdElementwise<TW, TV>.Unary<Expm1Fn>);
        add(OpNames.Erf, SimdElementwise<TW, TV>.Unary<ErfFn>);
        add(OpNames.Gelu, (x, y, a) =>
        {
            if (((GeluAttributes)a!).Tanh) SimdElementwise<TW, TV>.Unary<GeluTanhFn>(x, y, a);
            else SimdElementwise<TW, TV>.Unary<GeluFn>(x, y, a);
        });
        add(OpNames.GeluBackward, (x, y, a) =>
        {
            if (((GeluAttributes)a!).Tanh) SimdElementwise<TW, TV>.Binary<GeluTanhBackwardFn>(x, y, a);
            else SimdElementwise<TW, TV>.Binary<GeluBackwardFn>(x, y, a);
        });
        add(OpNames.Silu, SimdElementwise<TW, TV>.Unary<SiluFn>);
        add(OpNames.Softplus, SimdElementwise<TW, TV>.Parameterised<SoftplusFn>);
        add(OpNames.Clamp, SimdElementwise<TW, TV>.Parameterised<ClampFn>);
        add(OpNames.Minimum, SimdElementwise<TW, TV>.Binary<MinimumFn>);
    }

    private static void RegisterMovement<T>(KernelRegistry.Registrar r, DType dtype) where T : unmanaged, INumberBase<T>
    {
        void Add(string op, KernelBody body) => r.Add(new KernelInfo(op, Backend, dtype, "blocked", Isa.None, MovementPriority), body);

        Add(OpNames.Copy, Movement<T>.Copy);
        Add(OpNames.Cast, Movement<T>.Cast);
        Add(OpNames.Concat, Movement<T>.Concat);
        Add(OpNames.Gather, Movement<T>.Gather);
    }
}
