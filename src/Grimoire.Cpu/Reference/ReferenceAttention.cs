using Grimoire.Kernels;
using Grimoire.Ops;
using static Grimoire.Cpu.Reference.Element;

namespace Grimoire.Cpu.Reference;

/// <summary>Reference kernels of attention, its backward op and gelu's backward op: the formulas element by element in
/// double, reading the strided operands by index (layouts in <see cref="OpContracts"/>), the oracle for the fast kernels.</summary>
internal static class ReferenceAttention
{
    public static void Register(KernelRegistry.Registrar r)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            void Add(string op, KernelBody body) => r.Add(new KernelInfo(op, "cpu", dtype, KernelRegistry.ReferenceVariant, Isa.None, Priority: 0), body);

            Add(OpNames.Attention, (x, y, a) => Forward(x[0], x[1], x[2], y, (AttentionAttributes)a!));
            Add(OpNames.AttentionBackward, (x, y, a) => Backward(x.ToArray(), y, (AttentionAttributes)a!));
            Add(OpNames.GeluBackward, (x, y, a) =>
            {
                var tanh = ((GeluAttributes)a!).Tanh;
                for (var i = 0; i < y.Size; i++) Set(y, i, At(x[0], i) * ScalarMath.GeluDerivative(At(x[1], i), tanh));
            });
        }
    }

    /// <summary>Element [b, h, row, col] of a strided 4-D operand.</summary>
    private static double Head(Tensor t, int b, int h, int row, int col) =>
        Get(t, t.Offset + (long)b * t.Strides[0] + (long)h * t.Strides[1] + (long)row * t.Strides[2] + (long)col * t.Strides[3]);

    private static void Forward(Tensor q, Tensor k, Tensor v, Tensor y, AttentionAttributes a)
    {
        var (tq, tk, d) = (a.QueryLength, a.KeyLength, a.HeadDim);
        var p = new double[tk];
        for (var b = 0; b < a.Batch; b++)
        {
            for (var h = 0; h < a.Heads; h++)
            {
                for (var i = 0; i < tq; i++)
                {
                    var visible = a.Visible(i);
                    var max = double.NegativeInfinity;
                    for (var j = 0; j < visible; j++)
                    {
                        var s = 0.0;
                        for (var c = 0; c < d; c++) s += Head(q, b, h, i, c) * Head(k, b, h, j, c);
                        p[j] = s * a.Scale;
                        max = Math.Max(max, p[j]);
                    }
                    var sum = 0.0;
                    for (var j = 0; j < visible; j++) sum += p[j] = Math.Exp(p[j] - max);
                    for (var j = 0; j < tk; j++) Set(y, a.OutputElements + (((long)b * a.Heads + h) * tq + i) * tk + j, j < visible ? p[j] / sum : 0);
                    for (var c = 0; c < d; c++)
                    {
                        var acc = 0.0;
                        for (var j = 0; j < visible; j++) acc += p[j] / sum * Head(v, b, h, j, c);
                        Set(y, (((long)b * tq + i) * a.Heads + h) * d + c, acc);
                    }
                }
            }
        }
    }

    /// <summary>Operands: gradient [b, t, h, d], q, k, v, probabilities [b, h, t, t]; output [b, t, 3, h, d].</summary>
    private static void Backward(Tensor[] x, Tensor y, AttentionAttributes a)
    {
        var (g, q, k, v, probabilities) = (x[0], x[1], x[2], x[3], x[4]);
        var (t, d, heads) = (a.QueryLength, a.HeadDim, a.Heads);
        var ds = new double[t, t];
        for (var b = 0; b < a.Batch; b++)
        {
            for (var h = 0; h < heads; h++)
            {
                double P(int i, int j) => At(probabilities, ((b * heads + h) * t + i) * t + j);
                double G(int i, int c) => At(g, ((b * t + i) * heads + h) * d + c);
                void Out(int part, int i, int c, double value) => Set(y, (((long)b * t + i) * 3 + part) * heads * d + h * d + c, value);
                for (var i = 0; i < t; i++)
                {
                    var dot = 0.0;
                    for (var j = 0; j < t; j++)
                    {
                        var dp = 0.0;
                        for (var c = 0; c < d; c++) dp += G(i, c) * Head(v, b, h, j, c);
                        ds[i, j] = dp;
                        dot += dp * P(i, j);
                    }
                    for (var j = 0; j < t; j++) ds[i, j] = P(i, j) * (ds[i, j] - dot) * a.Scale;
                }
                for (var i = 0; i < t; i++)
                {
                    for (var c = 0; c < d; c++)
                    {
                        var (dq, dk, dv) = (0.0, 0.0, 0.0);
                        for (var j = 0; j < t; j++)
                        {
                            dq += ds[i, j] * Head(k, b, h, j, c);
                            dk += ds[j, i] * Head(q, b, h, j, c);
                            dv += P(j, i) * G(j, c);
                        }
                        Out(0, i, c, dq);
                        Out(1, i, c, dk);
                        Out(2, i, c, dv);
                    }
                }
            }
        }
    }
}
