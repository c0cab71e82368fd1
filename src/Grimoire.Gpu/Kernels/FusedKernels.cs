using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using Grimoire.Cpu.Simd;
using Grimoire.Ops;

namespace Grimoire.Gpu.Kernels;

/// <summary>layer_norm (one thread per short row, one group with tree reductions per long row), normal_log_prob (one
/// thread per element over strided operands), categorical_log_prob (one thread per row) and adam_update (one thread per
/// element, updating θ, m and v in place).</summary>
internal static class FusedKernels
{
    /// <summary>Rows up to this long are normalised by one thread each.</summary>
    private const int ShortRow = 64;

    /// <summary>Mean shifted by the row's first element (exact for a constant row), variance about it, then the affine map.
    /// Deviations are taken as (x − first) − mean offset: a mean rounded to one float would be off by up to half an ulp of
    /// |x| (4e-6 for an offset row near 100), which 1/σ and γ magnify.</summary>
    [GpuKernel]
    private static void LayerNormShortKernel(Index1D index, ArrayView<float> x, ArrayView<float> w, ArrayView<float> b, ArrayView<float> y, int rows, int cols, float epsilon)
    {
        int r = index;
        if (r >= rows) return;
        long start = (long)r * cols;
        var first = x[start];
        var offset = 0f;
        for (var c = 0; c < cols; c++) offset += x[start + c] - first;
        var meanOffset = offset / cols;
        var squares = 0f;
        for (var c = 0; c < cols; c++)
        {
            var d = x[start + c] - first - meanOffset;
            squares += d * d;
        }
        Normalise(x, w, b, y, start, cols, 0, 1, first, meanOffset, XMath.Rsqrt(squares / cols + epsilon));
    }

    /// <summary>One group per row (grid x = row): the shifted sum and the squared deviations by group trees of per-thread
    /// Kahan sums (each thread's chain is cols / group size long, too long for plain float adds).</summary>
    [GpuKernel(ExplicitlyGrouped = true)]
    private static void LayerNormLongKernel(ArrayView<float> x, ArrayView<float> w, ArrayView<float> b, ArrayView<float> y, int cols, float epsilon)
    {
        long start = (long)Grid.IdxX * cols;
        var first = x[start];
        var meanOffset = GroupReduce.Across(ThreadSum(x, start, cols, first, 0f, squared: 0), isMax: 0) / cols;
        var inverseStd = XMath.Rsqrt(GroupReduce.Across(ThreadSum(x, start, cols, first, meanOffset, squared: 1), isMax: 0) / cols + epsilon);
        Normalise(x, w, b, y, start, cols, Group.IdxX, Group.DimX, first, meanOffset, inverseStd);
    }

    /// <summary>This thread's compensated Σ d, or Σ d², over its columns of the row, where d = (x − first) − offset.</summary>
    private static float ThreadSum(ArrayView<float> x, long start, int cols, float first, float offset, int squared)
    {
        var sum = default(CompensatedSum);
        for (var c = Group.IdxX; c < cols; c += Group.DimX)
        {
            var d = x[start + c] - first - offset;
            sum.Add(squared != 0 ? d * d : d);
        }
        return sum.Sum;
    }

    private static void Normalise(ArrayView<float> x, ArrayView<float> w, ArrayView<float> b, ArrayView<float> y, long start, int cols, int firstColumn, int step,
        float first, float meanOffset, float inverseStd)
    {
        for (var c = firstColumn; c < cols; c += step) y[start + c] = (x[start + c] - first - meanOffset) * inverseStd * w[c] + b[c];
    }

    [GpuKernel]
    private static void NormalLogProbKernel(Index1D index, ArrayView<float> x, ArrayView<float> mean, ArrayView<float> logStd, ArrayView<float> y, StridedLayout layout, int count)
    {
        int i = index;
        if (i >= count) return;
        var s = logStd[layout.Offset(i, 2)];
        var z = (x[layout.Offset(i, 0)] - mean[layout.Offset(i, 1)]) * VMath.Exp<GpuLane, float>(-s);
        y[i] = z * z * -0.5f - s - (float)Tensor.HalfLogTwoPi;
    }

    [GpuKernel]
    private static void CategoricalLogProbKernel(Index1D index, ArrayView<float> logits, ArrayView<int> actions, ArrayView<float> y, int rows, int cols)
    {
        int r = index;
        if (r >= rows) return;
        long start = (long)r * cols;
        var max = float.NegativeInfinity;
        for (var c = 0; c < cols; c++) max = XMath.Max(max, logits[start + c]);
        var sum = 0f;
        for (var c = 0; c < cols; c++) sum += VMath.Exp<GpuLane, float>(logits[start + c] - max);
        var action = actions[r];
        // Actions are checked before the launch (IndexFaults); a bad one gives NaN instead of reading past the row.
        y[r] = (uint)action < (uint)cols ? logits[start + action] - max - VMath.Log<GpuLane, float>(sum) : float.NaN;
    }

    /// <summary>The step in the per-op formulation's order of operations (see <see cref="AdamAttributes"/>).</summary>
    [GpuKernel]
    private static void AdamKernel(Index1D index, ArrayView<float> p, ArrayView<float> g, ArrayView<float> m, ArrayView<float> v, AdamConstants k, int count)
    {
        int i = index;
        if (i >= count) return;
        var theta = p[i];
        var grad = g[i];
        if (k.Decay != 0f)
        {
            if (k.Decoupled != 0) theta *= k.Shrink;
            else grad += theta * k.Decay;
        }
        var newM = m[i] * k.Beta1 + grad * k.OneMinusBeta1;
        var newV = v[i] * k.Beta2 + grad * grad * k.OneMinusBeta2;
        m[i] = newM;
        v[i] = newV;
        p[i] = theta - newM / k.Correction1 / (XMath.Sqrt(newV / k.Correction2) + k.Epsilon) * k.LearningRate;
    }

    public static void LayerNorm(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var s = (LayerNormAttributes)attributes!;
        if (s.Rows == 0) return;
        var runtime = GpuTensors.Runtime(output);
        var (x, w, b, y) = (GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(inputs[1]), GpuTensors.Dense<float>(inputs[2]), GpuTensors.Dense<float>(output));
        if (s.Cols > ShortRow)
        {
            runtime.Grouped<Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>>(LayerNormLongKernel)(
                runtime.Stream, new KernelConfig(s.Rows, runtime.GroupSize), x, w, b, y, s.Cols, (float)s.Epsilon);
            return;
        }
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float>>(LayerNormShortKernel)(
            runtime.Stream, GpuTensors.Extent(s.Rows), x, w, b, y, s.Rows, s.Cols, (float)s.Epsilon);
    }

    public static void NormalLogProb(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        var launch = runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, StridedLayout, int>>(NormalLogProbKernel);
        var (x, mean, logStd, y) = (GpuTensors.From<float>(inputs[0]), GpuTensors.From<float>(inputs[1]), GpuTensors.From<float>(inputs[2]), GpuTensors.Dense<float>(output));
        StridedBlocks.ForEach(inputs, (in StridedLayout layout, ReadOnlySpan<int> at, int first, int count) =>
            launch(runtime.Stream, GpuTensors.Extent(count), GpuTensors.Skip(x, at[0]), GpuTensors.Skip(mean, at[1]), GpuTensors.Skip(logStd, at[2]), GpuTensors.Skip(y, first), layout, count));
    }

    public static void CategoricalLogProb(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int>>(CategoricalLogProbKernel)(
            runtime.Stream, GpuTensors.Extent(inputs[0].Shape[0]), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<int>(inputs[1]), GpuTensors.Dense<float>(output),
            inputs[0].Shape[0], inputs[0].Shape[1]);
    }

    public static void AdamUpdate(ReadOnlySpan<Tensor> inputs, Tensor output, object? attributes)
    {
        var runtime = GpuTensors.Runtime(output);
        runtime.AutoGrouped<Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamConstants, int>>(AdamKernel)(
            runtime.Stream, GpuTensors.Extent(output.Size), GpuTensors.Dense<float>(inputs[0]), GpuTensors.Dense<float>(inputs[1]), GpuTensors.Dense<float>(inputs[2]),
            GpuTensors.Dense<float>(inputs[3]), new AdamConstants((AdamAttributes)attributes!), output.Size);
    }
}

/// <summary>An Adam step's constants in float, passed to the kernel by value (public: ILGPU's generated code must see it).</summary>
public struct AdamConstants
{
    /// <summary>The step's hyper-parameters: learning rate, β₁, β₂, ε, 1 − β₁, 1 − β₂, the bias corrections 1 − β₁ᵗ and
    /// 1 − β₂ᵗ, the weight decay, and 1 − lr·decay, the factor decoupled decay (AdamW) shrinks the parameter by.</summary>
    public float LearningRate, Beta1, Beta2, Epsilon, OneMinusBeta1, OneMinusBeta2, Correction1, Correction2, Decay, Shrink;
    /// <summary>1 for AdamW's decoupled weight decay, 0 for decay added to the gradient (Adam with L2).</summary>
    public int Decoupled;

    internal AdamConstants(AdamAttributes a)
    {
        (LearningRate, Beta1, Beta2, Epsilon) = ((float)a.LearningRate, (float)a.Beta1, (float)a.Beta2, (float)a.Epsilon);
        (OneMinusBeta1, OneMinusBeta2) = ((float)(1 - a.Beta1), (float)(1 - a.Beta2));
        (Correction1, Correction2) = ((float)a.Correction1, (float)a.Correction2);
        (Decay, Shrink, Decoupled) = ((float)a.WeightDecay, (float)(1 - a.LearningRate * a.WeightDecay), a.Decoupled ? 1 : 0);
    }
}
