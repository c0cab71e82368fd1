namespace Grimoire.Ml.Linalg;

/// <summary>Solves A·x = b for small symmetric positive-definite A (d x d, d in the hundreds) by Cholesky
/// factorisation, never forming an inverse. The heavy products that build A come from engine matmuls.</summary>
public static class Cholesky
{
    /// <summary>x with A·x = b, or null when A is not numerically positive definite (a pivot at or below
    /// <paramref name="relativePivot"/> times the largest diagonal entry), i.e. when the columns are (nearly)
    /// linearly dependent.</summary>
    public static double[]? TrySolve(double[,] a, double[] b, double relativePivot = 1e-12)
    {
        var d = b.Length;
        var l = new double[d, d];
        var scale = 0.0;
        for (var i = 0; i < d; i++) scale = Math.Max(scale, Math.Abs(a[i, i]));
        for (var j = 0; j < d; j++)
        {
            var diag = a[j, j];
            for (var k = 0; k < j; k++) diag -= l[j, k] * l[j, k];
            if (!(diag > relativePivot * scale)) return null;
            l[j, j] = Math.Sqrt(diag);
            for (var i = j + 1; i < d; i++)
            {
                var v = a[i, j];
                for (var k = 0; k < j; k++) v -= l[i, k] * l[j, k];
                l[i, j] = v / l[j, j];
            }
        }
        var y = new double[d];
        for (var i = 0; i < d; i++)
        {
            var v = b[i];
            for (var k = 0; k < i; k++) v -= l[i, k] * y[k];
            y[i] = v / l[i, i];
        }
        var x = new double[d];
        for (var i = d - 1; i >= 0; i--)
        {
            var v = y[i];
            for (var k = i + 1; k < d; k++) v -= l[k, i] * x[k];
            x[i] = v / l[i, i];
        }
        return x;
    }
}
