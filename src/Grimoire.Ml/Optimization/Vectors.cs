namespace Grimoire.Ml.Optimization;

/// <summary>The few dense-vector operations the minimisers need on their (small) parameter vectors.</summary>
internal static class Vectors
{
    public static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Σ|aᵢ|, in order (a plain loop: LINQ over double would be JIT-compiled in a fresh process's first fit).</summary>
    public static double SumAbs(double[] a)
    {
        var sum = 0.0;
        foreach (var v in a) sum += Math.Abs(v);
        return sum;
    }

    public static double MaxAbs(double[] a)
    {
        var max = 0.0;
        foreach (var v in a) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    /// <summary>x + step·direction, as a new vector.</summary>
    public static double[] Step(double[] x, double step, double[] direction)
    {
        var y = new double[x.Length];
        for (var i = 0; i < x.Length; i++) y[i] = x[i] + step * direction[i];
        return y;
    }

    public static double[] Difference(double[] a, double[] b)
    {
        var d = new double[a.Length];
        for (var i = 0; i < a.Length; i++) d[i] = a[i] - b[i];
        return d;
    }
}
