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
