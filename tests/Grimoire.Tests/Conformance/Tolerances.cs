using Grimoire.Ops;

namespace Grimoire.Tests.Conformance;

/// <summary>How far a kernel may stray from the float64 reference, per op and dtype: the one place these
/// numbers live. A value passes when |actual − expected| ≤ Absolute + Relative·|expected|.</summary>
public static class Tolerances
{
    public sealed record Tolerance(double Absolute, double Relative);

    private static readonly Tolerance Exact = new(0, 0);
    private static readonly Tolerance Float64 = new(1e-12, 1e-12);

    public static Tolerance For(string op, DType dtype, int reductionLength = 1)
    {
        if (dtype == DType.Int32) return Exact;
        // A row's mean carries about √n·ε·|x| of rounding, which standardising divides by σ and the weight scales: with
        // the generator's offset rows (|x| ≈ 100, σ ≈ 6) and weights up to 9 that is near 1e-14·√n, so 1e-12·√n leaves
        // room while a wrong formula (biased variance, a misplaced ε) is off by orders more.
        if (dtype == DType.Float64 && op == OpNames.LayerNorm) return new(Float64.Absolute * Math.Sqrt(reductionLength), Float64.Relative);
        if (dtype == DType.Float64) return Float64;
        return op switch
        {
            OpNames.Copy or OpNames.Concat or OpNames.Gather or OpNames.Unfold or OpNames.Neg or OpNames.Abs or OpNames.Relu
                or OpNames.Maximum or OpNames.Where or OpNames.Cast or OpNames.ArgMax or OpNames.Max or OpNames.MaxPool2d
                or OpNames.Eq or OpNames.Ne or OpNames.Lt or OpNames.Le or OpNames.Gt or OpNames.Ge => Exact,
            // one rounding of the float result
            OpNames.Add or OpNames.Sub or OpNames.Mul or OpNames.Div or OpNames.Sqrt or OpNames.LeakyRelu => new(1e-30, 1.2e-7),
            // polynomial approximations: a few ulp (see VMath's documented bounds)
            OpNames.Exp or OpNames.Log => new(1e-37, 3e-7),
            OpNames.Tanh or OpNames.Sigmoid => new(3e-7, 3e-7),
            // error of e^(b·ln a) grows with |b·ln a|; the generated exponents are small integers
            OpNames.Pow => new(1e-6, 2e-6),
            OpNames.Softmax or OpNames.LogSoftmax => new(1e-6, 2e-6),
            OpNames.CrossEntropy or OpNames.Mse => new(1e-6, 1e-5),
            // float accumulation over n terms of magnitude ≤ 9: error grows like √n·ε in practice, n·ε at worst
            OpNames.Sum or OpNames.ScatterAdd => new(1e-5 * Math.Sqrt(reductionLength), 1e-5),
            // up to 5x5 overlapping taps of magnitude ≤ 3 summed in float, in a different order than the reference
            OpNames.Fold => new(1e-5, 1e-6),
            // up to 4x4 overlapping windows' gradients added into one pixel in float
            OpNames.MaxPool2dBackward => new(1e-5, 1e-6),
            OpNames.MatMul => new(2e-6 * reductionLength, 1e-5),
            // a GEMM over the unfolded operands: the matmul's error over the longest sum behind an output
            OpNames.Conv2d or OpNames.Conv2dBackwardInput or OpNames.Conv2dBackwardWeight => new(2e-6 * reductionLength, 1e-5),
            // sums in double rounded once to float; cancelling prefixes get AccumulationSlack on top
            OpNames.CumSum => new(1e-30, 1.2e-7),
            // up to 4x4 pixels (or overlapping windows' shares) summed in float, in another order than the reference
            OpNames.AvgPool2d or OpNames.AvgPool2dBackward => new(1e-5, 1e-6),
            // the matmul's error, then a few ulp from the activation's polynomial
            OpNames.Linear => new(2e-6 * reductionLength + 3e-7, 1e-5),
            // a row's mean and variance summed in float blocks, then one multiply-add per element
            OpNames.LayerNorm => new(1e-5, 1e-5),
            // exp's few ulp, scaled by the squared standardised distance that dominates the result
            OpNames.NormalLogProb => new(2e-6, 3e-6),
            OpNames.CategoricalLogProb => new(1e-5, 1e-5),
            // float arithmetic in the per-op formulation's order: a few roundings of θ, m and v
            OpNames.AdamUpdate => new(1e-6, 2e-6),
            // VMath's documented bounds (2, 2, 3.5, 3 and 4 ulp; sin and cos 8e-8 absolute up to |x| = 8192) as relative error
            OpNames.Sin or OpNames.Cos => new(8e-8, 2.4e-7),
            OpNames.Log1p or OpNames.Erf => new(1e-37, 3.6e-7),
            OpNames.Expm1 => new(1e-37, 4.8e-7),
            // silu flushes to 0 where e^−x overflows (x < −88.7, |silu| < 3e-37)
            OpNames.Silu => new(3e-37, 4.8e-7),
            // gelu's 14 ulp; the tanh form's tail error (≈ |2u| ulp) lies where the result is below 1e-9
            OpNames.Gelu => new(1e-9, 1.7e-6),
            // exp, log1p and a division, each a few ulp
            OpNames.Softplus => new(1e-37, 6e-7),
            OpNames.Clamp or OpNames.Minimum => Exact,
            // scores are d-term float sums (|q·k|·scale up to about 50 at d = 33): √d·9·ε ≈ 3e-6 of absolute error in a score
            // becomes that relative error in its probability, then tk-term sums of p·v (|v| ≤ 3) give about 1e-5, and the
            // backward op's four products another factor of a few: room of 5x over that estimate
            OpNames.Attention => new(5e-5, 1e-4),
            OpNames.AttentionBackward => new(1.5e-4, 1e-4),
            // Φ(x) + x·φ(x) crosses zero near x = −0.75, where only an absolute bound holds: a few ulp of Φ times |∂y| ≤ 3
            OpNames.GeluBackward => new(1e-6, 2e-6),
            _ => new(1e-6, 1e-6),
        };
    }

    /// <summary>Extra room for sums whose terms cancel: rounding in a chain of float adds grows with the partial sums,
    /// that is with Σ|xᵢ|, not with the result, and inputs with repeated (broadcast) values make those errors lean one way
    /// instead of cancelling. The kernels keep every chain of adds short (at most 128 terms in float32, and 512 in the
    /// float64 vector sums, before a total in double or a tree), whose worst case is that many ulps of Σ|xᵢ|; a quarter
    /// of that covers what they do on the suite's data while a dropped or doubled term of typical size still fails.</summary>
    public static double AccumulationSlack(DType dtype, double sumOfMagnitudes) =>
        dtype switch
        {
            DType.Float32 => 32 * Math.ScaleB(1, -24),
            DType.Float64 => 128 * Math.ScaleB(1, -53),
            _ => 0,
        } * sumOfMagnitudes;
}
