namespace Grimoire.Rl.PolicyGradient;

/// <summary>The conjugate-gradient method for A·x = b with A symmetric positive definite and known only through its
/// products A·v (the natural gradient's Fisher matrix, never formed): after k iterations x minimises the quadratic over
/// the k-dimensional Krylov space, exact after n in exact arithmetic.</summary>
public static class ConjugateGradient
{
    /// <summary>Approximately A⁻¹b, from x₀ = 0, stopping after <paramref name="iterations"/> products or once the
    /// residual's squared norm is below <paramref name="tolerance"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">fewer than one iteration, or a negative tolerance.</exception>
    public static double[] Solve(Func<double[], double[]> product, ReadOnlySpan<double> b, int iterations, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        var x = new double[b.Length];
        var r = b.ToArray();
        var p = b.ToArray();
        var rr = Dot(r, r);
        for (var k = 0; k < iterations && rr > tolerance; k++)
        {
            var ap = product(p);
            var curvature = Dot(p, ap);
            if (!(curvature > 0)) break; // not positive definite along p (rounding): keep what was found
            var alpha = rr / curvature;
            for (var i = 0; i < x.Length; i++)
            {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            var next = Dot(r, r);
            var beta = next / rr;
            for (var i = 0; i < p.Length; i++) p[i] = r[i] + beta * p[i];
            rr = next;
        }
        return x;
    }

    /// <summary>Σ aᵢbᵢ.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"vectors of {a.Length} and {b.Length} elements");
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
