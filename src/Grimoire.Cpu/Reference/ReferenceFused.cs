using Grimoire.Kernels;
using Grimoire.Ops;
using static Grimoire.Cpu.Reference.Element;

namespace Grimoire.Cpu.Reference;

/// <summary>Reference kernels of layer_norm, the log-probabilities and adam_update: plain loops in double, the oracle
/// for their fast kernels.</summary>
internal static class ReferenceFused
{
    public static void Register(KernelRegistry.Registrar r)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            void Add(string op, KernelBody body) => r.Add(new KernelInfo(op, "cpu", dtype, KernelRegistry.ReferenceVariant, Isa.None, Priority: 0), body);

            Add(OpNames.LayerNorm, (x, y, a) => LayerNorm(x[0], x[1], x[2], y, (LayerNormAttributes)a!));
            Add(OpNames.NormalLogProb, (x, y, _) =>
            {
                for (var i = 0; i < y.Size; i++) Set(y, i, NormalLogProb(At(x[0], i), At(x[1], i), At(x[2], i)));
            });
            Add(OpNames.CategoricalLogProb, (x, y, _) => CategoricalLogProb(x[0], x[1], y));
            Add(OpNames.AdamUpdate, (x, _, a) => AdamUpdate(x[0], x[1], x[2], x[3], (AdamAttributes)a!));
        }
    }

    public static double NormalLogProb(double x, double mean, double logStd)
    {
        var z = (x - mean) * Math.Exp(-logStd);
        return -0.5 * z * z - logStd - Tensor.HalfLogTwoPi;
    }

    private static void LayerNorm(Tensor x, Tensor weight, Tensor bias, Tensor y, LayerNormAttributes s)
    {
        for (var row = 0; row < s.Rows; row++)
        {
            var start = row * s.Cols;
            // the first element plus the mean offset from it: exact for a constant row, whose variance 1/√ε magnifies
            var (first, offset) = (At(x, start), 0.0);
            for (var c = 0; c < s.Cols; c++) offset += At(x, start + c) - first;
            var mean = first + offset / s.Cols;
            var variance = 0.0;
            for (var c = 0; c < s.Cols; c++) variance += Math.Pow(At(x, start + c) - mean, 2);
            var inverseStd = 1 / Math.Sqrt(variance / s.Cols + s.Epsilon);
            for (var c = 0; c < s.Cols; c++) Set(y, start + c, (At(x, start + c) - mean) * inverseStd * At(weight, c) + At(bias, c));
        }
    }

    private static void CategoricalLogProb(Tensor logits, Tensor actions, Tensor y)
    {
        var (n, c) = (logits.Shape[0], logits.Shape[1]);
        for (var row = 0; row < n; row++)
        {
            var max = double.NegativeInfinity;
            for (var j = 0; j < c; j++) max = Math.Max(max, At(logits, row * c + j));
            var sum = 0.0;
            for (var j = 0; j < c; j++) sum += Math.Exp(At(logits, row * c + j) - max);
            Set(y, row, At(logits, row * c + (int)At(actions, row)) - max - Math.Log(sum));
        }
    }

    /// <summary>The step in double, in the order of operations of the optimizers' former per-op formulation.</summary>
    private static void AdamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, AdamAttributes s)
    {
        for (var i = 0; i < param.Size; i++)
        {
            var (theta, g) = (At(param, i), At(grad, i));
            if (s.WeightDecay > 0)
            {
                if (s.Decoupled) theta *= 1 - s.LearningRate * s.WeightDecay;
                else g += At(param, i) * s.WeightDecay;
            }
            var newM = At(m, i) * s.Beta1 + g * (1 - s.Beta1);
            var newV = At(v, i) * s.Beta2 + g * g * (1 - s.Beta2);
            Set(m, i, newM);
            Set(v, i, newV);
            Set(param, i, theta - newM / s.Correction1 / (Math.Sqrt(newV / s.Correction2) + s.Epsilon) * s.LearningRate);
        }
    }
}
