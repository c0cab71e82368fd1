using Grimoire.Autograd;
using Grimoire.Nn.Layers;

namespace Grimoire.Rl.Policies;

/// <summary>Orthogonal initialisation (Saxe et al. 2014, PyTorch's <c>orthogonal_</c>), the policy-gradient libraries'
/// default for actor and critic layers: a Gaussian matrix made orthonormal by Gram–Schmidt (a QR factorisation with a
/// positive diagonal), scaled by a gain. Small gains on the output layers start the policy near uniform and the value near 0.</summary>
public static class Orthogonal
{
    /// <summary>Sets <paramref name="layer"/>'s weight to <paramref name="gain"/> times a random matrix with orthonormal rows
    /// or columns (whichever are fewer) and its bias to zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a gain that is not a finite number ≥ 0.</exception>
    public static void Initialize(Linear layer, double gain, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(rng);
        if (!(gain >= 0) || !double.IsFinite(gain)) throw new ArgumentOutOfRangeException(nameof(gain), gain, "an orthogonal gain must be a finite number >= 0");
        var (rows, columns) = (layer.InFeatures, layer.OutFeatures);
        var q = Orthonormal(Math.Max(rows, columns), Math.Min(rows, columns), rng);
        var weight = new double[rows * columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                weight[i * columns + j] = gain * (rows >= columns ? q[i, j] : q[j, i]);
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        Tensor.FromArray(weight, layer.Weight.Shape).To(layer.Weight.Value.DType).CopyTo(layer.Weight.Value);
        if (layer.Bias is { } bias) Tensor.Zeros(bias.Shape, bias.Value.DType).CopyTo(bias.Value);
    }

    /// <summary>A tall [m, k] matrix (m ≥ k) of Gaussian draws with its columns made orthonormal by modified Gram–Schmidt.</summary>
    private static double[,] Orthonormal(int m, int k, Rng rng)
    {
        var a = new double[m, k];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < k; j++)
                a[i, j] = rng.NextNormal();
        for (var j = 0; j < k; j++)
        {
            for (var p = 0; p < j; p++)
            {
                double dot = 0;
                for (var i = 0; i < m; i++) dot += a[i, p] * a[i, j];
                for (var i = 0; i < m; i++) a[i, j] -= dot * a[i, p];
            }
            double norm = 0;
            for (var i = 0; i < m; i++) norm += a[i, j] * a[i, j];
            norm = Math.Sqrt(norm);
            for (var i = 0; i < m; i++) a[i, j] /= norm;
        }
        return a;
    }
}
