using System.Runtime.Intrinsics;
using Grimoire.Cpu.Simd;
using Grimoire.Kernels;

namespace Grimoire.Tests.Simd;

public enum MathFunction
{
    Exp,
    Log,
    Tanh,
    Sigmoid,
    Sin,
    Cos,
    Log1p,
    Expm1,
    Erf,
    Erfc,
    Gelu,
    GeluTanh,
    Silu,
    ExpNonPositive,
    ExpNonPositiveInRange,
}

/// <summary>One SIMD width through which VMath is evaluated over whole arrays, lane group by lane group.</summary>
public abstract class VMathWidth
{
    public static readonly VMathWidth[] All = [new Width<Vec512, Vector512<float>>("Vec512", Isa.Avx512), new Width<Vec256, Vector256<float>>("Vec256", Isa.Avx2), new Width<Vec1, float>("Vec1", Isa.None)];

    public abstract string Name { get; }

    public abstract Isa Isa { get; }

    public abstract float[] Apply(MathFunction function, float[] x);

    public override string ToString() => Name;

    private sealed class Width<TW, TV>(string name, Isa isa) : VMathWidth where TW : IVec<TV> where TV : struct
    {
        public override string Name => name;

        public override Isa Isa => isa;

        public override unsafe float[] Apply(MathFunction function, float[] x)
        {
            Func<TV, TV> f = function switch
            {
                MathFunction.Exp => VMath.Exp<TW, TV>,
                MathFunction.Log => VMath.Log<TW, TV>,
                MathFunction.Tanh => VMath.Tanh<TW, TV>,
                MathFunction.Sin => VMath.Sin<TW, TV>,
                MathFunction.Cos => VMath.Cos<TW, TV>,
                MathFunction.Log1p => VMath.Log1p<TW, TV>,
                MathFunction.Expm1 => VMath.Expm1<TW, TV>,
                MathFunction.Erf => VMath.Erf<TW, TV>,
                MathFunction.Erfc => VMath.Erfc<TW, TV>,
                MathFunction.Gelu => VMath.Gelu<TW, TV>,
                MathFunction.GeluTanh => VMath.GeluTanh<TW, TV>,
                MathFunction.Silu => VMath.Silu<TW, TV>,
                MathFunction.ExpNonPositive => VMath.ExpNonPositive<TW, TV>,
                MathFunction.ExpNonPositiveInRange => VMath.ExpNonPositiveInRange<TW, TV>,
                _ => VMath.Sigmoid<TW, TV>,
            };
            // Padded to whole vectors with 1 (harmless for every function); the padding is dropped.
            var n = (x.Length + TW.Count - 1) / TW.Count * TW.Count;
            var input = new float[n];
            Array.Fill(input, 1f);
            x.CopyTo(input, 0);
            var output = new float[n];
            fixed (float* px = input, py = output)
            {
                for (var i = 0; i < n; i += TW.Count) TW.Store(py + i, f(TW.Load(px + i)));
            }
            return output[..x.Length];
        }
    }
}
