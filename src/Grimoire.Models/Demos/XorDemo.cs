using Grimoire.Autograd;

namespace Grimoire.Models.Demos;

/// <summary>Book §9.3: XOR is not linearly separable. A single linear layer with a sigmoid cannot fit it;
/// one hidden layer can. Both are trained by plain gradient descent on the binary cross-entropy.</summary>
public static class XorDemo
{
    /// <summary>What <c>grimoire demo xor</c> takes.</summary>
    /// <param name="Epochs">Full-batch gradient-descent steps for each model, ≥ 1.</param>
    /// <param name="LearningRate">The step size, positive and finite.</param>
    /// <param name="Hidden">Hidden units of the MLP, ≥ 1.</param>
    /// <param name="Seed">Seeds the initial weights.</param>
    /// <param name="Device">"cpu", "gpu" or "gpu-sim".</param>
    public sealed record Options(int Epochs, double LearningRate, int Hidden, ulong Seed, string Device = "cpu")
    {
        /// <summary>Checks every option.</summary>
        /// <exception cref="ArgumentException">an option out of range, named as its CLI flag.</exception>
        public void Validate()
        {
            if (Device is not ("cpu" or "gpu" or "gpu-sim")) throw new ArgumentException($"--device must be cpu, gpu or gpu-sim, got '{Device}'");
            if (Epochs < 1) throw new ArgumentException($"--epochs must be at least 1, got {Epochs}");
            if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentException($"--lr must be a positive number, got {LearningRate}");
            if (Hidden < 1) throw new ArgumentException($"--hidden must be at least 1, got {Hidden}");
        }
    }

    private static readonly float[] Inputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] Targets = [0, 1, 1, 0];

    /// <summary>Trains both models, prints their loss curves and predictions; true when the MLP fits XOR.</summary>
    public static bool Run(Options options, TextWriter output)
    {
        options.Validate();
        var device = new Device(options.Device);
        using var x = Tensor.FromArray(Inputs, new Shape(4, 2)).OnDevice(device);
        using var y = Tensor.FromArray(Targets, new Shape(4, 1)).OnDevice(device);
        var rng = new Rng(options.Seed);
        Tensor Parameter(Tensor t)
        {
            var p = t.OnDevice(device);
            p.RequiresGrad = true;
            return p;
        }

        output.WriteLine($"XOR with a 2-{options.Hidden}-1 MLP (tanh hidden, sigmoid output), BCE loss, gradient descent lr={options.LearningRate}, device {DeviceBackends.Describe(device)}");
        var mlp = new[]
        {
            Parameter(Tensor.RandN(new Shape(2, options.Hidden), std: 1.0, rng: rng)),
            Parameter(Tensor.Zeros(new Shape(options.Hidden))),
            Parameter(Tensor.RandN(new Shape(options.Hidden, 1), std: 1.0 / Math.Sqrt(options.Hidden), rng: rng)),
            Parameter(Tensor.Zeros(new Shape(1))),
        };
        Tensor MlpLogits(Tensor input) => (input.MatMul(mlp[0]) + mlp[1]).Tanh().MatMul(mlp[2]) + mlp[3];
        var mlpCorrect = Train(MlpLogits, mlp, x, y, options, output);

        output.WriteLine();
        output.WriteLine("The same training for a single linear layer (logistic regression):");
        var linear = new[] { Parameter(Tensor.RandN(new Shape(2, 1), rng: rng)), Parameter(Tensor.Zeros(new Shape(1))) };
        Tensor LinearLogits(Tensor input) => input.MatMul(linear[0]) + linear[1];
        var linearCorrect = Train(LinearLogits, linear, x, y, options, output);

        output.WriteLine();
        output.WriteLine($"MLP: {mlpCorrect}/4 correct; linear: {linearCorrect}/4 correct (a line can separate at most 3 of the 4 points).");
        foreach (var p in mlp.Concat(linear)) p.Dispose();
        return mlpCorrect == 4;
    }

    /// <summary>Full-batch gradient descent; prints ten points of the loss curve and the predictions.</summary>
    private static int Train(Func<Tensor, Tensor> logitsOf, Tensor[] parameters, Tensor x, Tensor y, Options options, TextWriter output)
    {
        var report = Math.Max(1, options.Epochs / 10);
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            using var scope = new TensorScope();
            var loss = BinaryCrossEntropyWithLogits(logitsOf(x), y);
            loss.Backward();
            using (GradMode.NoGrad())
            {
                foreach (var p in parameters)
                {
                    using var step = p.Grad! * options.LearningRate;
                    using var updated = p - step;
                    updated.CopyTo(p);
                    p.ZeroGrad();
                }
            }
            if (epoch == 1 || epoch % report == 0) output.WriteLine($"  epoch {epoch,6}  loss {loss.Item():F6}");
        }

        using var noGrad = GradMode.NoGrad();
        using var scopeOut = new TensorScope();
        var probabilities = logitsOf(x).Sigmoid().ToArray<float>();
        var correct = 0;
        for (var i = 0; i < 4; i++)
        {
            var predicted = probabilities[i] >= 0.5f ? 1 : 0;
            if (predicted == (int)Targets[i]) correct++;
            output.WriteLine($"  x = ({Inputs[2 * i]}, {Inputs[2 * i + 1]})  target {Targets[i]}  p = {probabilities[i]:F4}  -> {predicted}");
        }
        return correct;
    }

    /// <summary>mean(max(z, 0) − z·y + log(1 + e^−|z|)): the BCE of sigmoid(z), stable for any logit.</summary>
    private static Tensor BinaryCrossEntropyWithLogits(Tensor z, Tensor y) =>
        (z.Relu() - z * y + (z.Abs().Neg().Exp() + 1).Log()).Mean();
}
