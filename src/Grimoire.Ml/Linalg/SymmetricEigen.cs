namespace Grimoire.Ml.Linalg;

/// <summary>Minimum-norm least squares through the eigen-decomposition of the (symmetric) normal matrix, by
/// cyclic Jacobi rotations: the fallback for rank-deficient designs, where Cholesky has no answer. Matches
/// lstsq's minimum-norm solution (eigenvalues below a relative cutoff are treated as zero). The matrix must be finite;
/// <see cref="Models.Linear.NormalEquations"/> refuses data whose XᵀX overflows before calling it.</summary>
public static class SymmetricEigen
{
    /// <summary>The minimum-norm x with a·x = b in the least-squares sense, for a symmetric d × d <paramref name="a"/> and
    /// <paramref name="b"/> of length d (neither is modified); eigenvalues at most <paramref name="relativeCutoff"/> times
    /// the largest |eigenvalue| count as zero.</summary>
    public static double[] PseudoInverseSolve(double[,] a, double[] b, double relativeCutoff = 1e-10)
    {
        var d = b.Length;
        var m = (double[,])a.Clone();
        var v = new double[d, d];
        for (var i = 0; i < d; i++) v[i, i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < d; p++)
                for (var q = p + 1; q < d; q++) off += m[p, q] * m[p, q];
            if (off < 1e-30) break;
            for (var p = 0; p < d; p++)
            {
                for (var q = p + 1; q < d; q++)
                {
                    if (Math.Abs(m[p, q]) < 1e-300) continue;
                    var theta = (m[q, q] - m[p, p]) / (2 * m[p, q]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < d; k++)
                    {
                        var (mkp, mkq) = (m[k, p], m[k, q]);
                        m[k, p] = c * mkp - s * mkq;
                        m[k, q] = s * mkp + c * mkq;
                    }
                    for (var k = 0; k < d; k++)
                    {
                        var (mpk, mqk) = (m[p, k], m[q, k]);
                        m[p, k] = c * mpk - s * mqk;
                        m[q, k] = s * mpk + c * mqk;
                    }
                    for (var k = 0; k < d; k++)
                    {
                        var (vkp, vkq) = (v[k, p], v[k, q]);
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        var largest = 0.0;
        for (var i = 0; i < d; i++) largest = Math.Max(largest, Math.Abs(m[i, i]));
        var x = new double[d];
        for (var e = 0; e < d; e++)
        {
            if (Math.Abs(m[e, e]) <= relativeCutoff * largest) continue;
            var projection = 0.0;
            for (var k = 0; k < d; k++) projection += v[k, e] * b[k];
            projection /= m[e, e];
            for (var k = 0; k < d; k++) x[k] += projection * v[k, e];
        }
        return x;
    }
}
