using Grimoire.Autograd;
using Grimoire.Ml.Data;

namespace Grimoire.Ml.BiasVariance;

/// <summary>
/// The bias–variance trade-off of book §6.1 on y = sin(2πx) + noise: polynomials of growing degree and a
/// sinusoidal model a·sin(2πx) + b·cos(2πx) + c, each fitted by full-batch gradient descent on the mean squared error
/// through the engine's autodiff. The polynomial features are Legendre polynomials of x mapped to [−1, 1]:
/// the same function space as raw powers, but well conditioned, so gradient descent actually reaches the
/// least-squares fit and high degrees overfit as the theory says (with raw powers the high-order terms
/// barely move).
/// </summary>
public static class BiasVarianceStudy
{
    /// <summary>The study's settings; every default is the book's.</summary>
    /// <param name="TrainPoints">Training points drawn, at least 2.</param>
    /// <param name="TestPoints">Test points drawn from the same distribution, at least 1.</param>
    /// <param name="Noise">Standard deviation of the Gaussian noise added to sin(2πx), ≥ 0.</param>
    /// <param name="MaxDegree">Polynomials of degree 1 to this are fitted, at least 1.</param>
    /// <param name="Steps">Full-batch gradient-descent steps per fit, at least 1.</param>
    /// <param name="LearningRate">Gradient-descent step size, positive.</param>
    /// <param name="Seed">Seeds the draws of x and the noise (System.Random), so a seed gives the same table everywhere.</param>
    public sealed record Options(int TrainPoints = 20, int TestPoints = 200, double Noise = 0.3, int MaxDegree = 12, int Steps = 4000, double LearningRate = 0.2, int Seed = 0);

    /// <summary>One fitted model's errors.</summary>
    /// <param name="Model">"polynomial degree k" or the sinusoidal model's formula.</param>
    /// <param name="Parameters">Coefficients fitted, the constant included.</param>
    /// <param name="TrainMse">Mean squared error on the training points.</param>
    /// <param name="TestMse">Mean squared error on the test points.</param>
    public sealed record Row(string Model, int Parameters, double TrainMse, double TestMse);

    /// <summary>Fits every polynomial degree from 1 to <see cref="Options.MaxDegree"/>, then the sinusoidal model, on one sample;
    /// returns one row each, in that order.</summary>
    /// <exception cref="ArgumentException">an option out of its range.</exception>
    public static IReadOnlyList<Row> Run(Options o)
    {
        if (o.TrainPoints < 2 || o.TestPoints < 1 || o.MaxDegree < 1 || o.Steps < 1 || !(o.LearningRate > 0) || !(o.Noise >= 0))
            throw new ArgumentException("bias-variance: need train >= 2, test >= 1, max degree >= 1, steps >= 1, learning rate > 0, noise >= 0");
        var rng = new Random(o.Seed);
        var (trainX, trainY) = Sample(o.TrainPoints, o.Noise, rng);
        var (testX, testY) = Sample(o.TestPoints, o.Noise, rng);
        var rows = new List<Row>();
        for (var degree = 1; degree <= o.MaxDegree; degree++)
        {
            var fit = Polynomial(degree, trainX, trainY, o);
            rows.Add(new Row($"polynomial degree {degree}", degree + 1, Mse(fit, trainX, trainY), Mse(fit, testX, testY)));
        }
        var sine = Sinusoid(trainX, trainY, o);
        rows.Add(new Row("a·sin(2πx) + b·cos(2πx) + c", 3, Mse(sine, trainX, trainY), Mse(sine, testX, testY)));
        return rows;
    }

    private static (double[] X, double[] Y) Sample(int n, double noise, Random rng)
    {
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var y = x.Select(v => Math.Sin(2 * Math.PI * v) + noise * rng.NextGaussian()).ToArray();
        return (x, y);
    }

    /// <summary>Legendre features P1 … P_degree of 2x − 1, as a [n, degree] float64 tensor.</summary>
    private static Tensor Features(double[] x, int degree)
    {
        var n = x.Length;
        var f = new double[n * degree];
        for (var i = 0; i < n; i++)
        {
            var t = 2 * x[i] - 1;
            var (previous, current) = (1.0, t);
            for (var k = 1; k <= degree; k++)
            {
                f[i * degree + k - 1] = current;
                (previous, current) = (current, ((2 * k + 1) * t * current - k * previous) / (k + 1));
            }
        }
        return Tensor.FromArray(f, new Shape(n, degree));
    }

    private static Func<double[], double[]> Polynomial(int degree, double[] x, double[] y, Options o)
    {
        using var features = Features(x, degree);
        using var target = Tensor.FromArray(y, new Shape(y.Length, 1));
        using var w = Tensor.Zeros(new Shape(degree, 1), DType.Float64);
        using var b = Tensor.Zeros(new Shape(1), DType.Float64);
        Descend([w, b], () => (features.MatMul(w) + b - target).Pow(2).Mean(), o.Steps, o.LearningRate);
        var (weights, bias) = (w.ToDoubleArray(), b.Item());
        return points =>
        {
            using var f = Features(points, degree);
            var values = f.ToDoubleArray();
            return Enumerable.Range(0, points.Length).Select(i => bias + Enumerable.Range(0, degree).Sum(k => values[i * degree + k] * weights[k])).ToArray();
        };
    }

    /// <summary>y ≈ a·sin(2πx) + b·cos(2πx) + c: the right function class, so low bias with three parameters. The
    /// frequency is fixed because the engine has no sin op yet; the sinusoidal features are computed once and
    /// the weights are fitted through autodiff like the polynomials'.</summary>
    private static Func<double[], double[]> Sinusoid(double[] x, double[] y, Options o)
    {
        static double[] Basis(double[] points) => points.SelectMany(v => new[] { Math.Sin(2 * Math.PI * v), Math.Cos(2 * Math.PI * v) }).ToArray();
        using var features = Tensor.FromArray(Basis(x), new Shape(x.Length, 2));
        using var target = Tensor.FromArray(y, new Shape(y.Length, 1));
        using var w = Tensor.Zeros(new Shape(2, 1), DType.Float64);
        using var b = Tensor.Zeros(new Shape(1), DType.Float64);
        Descend([w, b], () => (features.MatMul(w) + b - target).Pow(2).Mean(), o.Steps, o.LearningRate);
        var (weights, bias) = (w.ToDoubleArray(), b.Item());
        return points =>
        {
            var basis = Basis(points);
            return Enumerable.Range(0, points.Length).Select(i => bias + weights[0] * basis[2 * i] + weights[1] * basis[2 * i + 1]).ToArray();
        };
    }

    /// <summary>Full-batch gradient descent: each step backpropagates the loss and moves every parameter against its gradient.</summary>
    private static void Descend(Tensor[] parameters, Func<Tensor> loss, int steps, double learningRate)
    {
        foreach (var p in parameters) p.RequiresGrad = true;
        for (var step = 0; step < steps; step++)
        {
            using var scope = new TensorScope();
            loss().Backward();
            using (GradMode.NoGrad())
            {
                foreach (var p in parameters)
                {
                    (p - p.Grad! * learningRate).CopyTo(p);
                    p.ZeroGrad();
                }
            }
        }
    }

    private static double Mse(Func<double[], double[]> model, double[] x, double[] y) =>
        model(x).Zip(y, (p, t) => (p - t) * (p - t)).Average();
}
