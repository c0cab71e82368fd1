using System.CommandLine;
using System.Globalization;
using Grimoire.Models.Demos;
using Grimoire.Rl.Imitation;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire demo ...`: small end-to-end runs on built-in data.</summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output)
    {
        var epochs = new Option<int>("--epochs") { Description = "Gradient-descent steps", DefaultValueFactory = _ => 2000 };
        var lr = new Option<double>("--lr") { Description = "Learning rate", DefaultValueFactory = _ => 0.5 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units of the MLP", DefaultValueFactory = _ => 4 };
        var seed = new Option<ulong>("--seed") { Description = "Seed for the weight initialisation", DefaultValueFactory = _ => 42 };
        var device = new Option<string>("--device") { Description = "Where to train: cpu, gpu (a CUDA or OpenCL accelerator) or gpu-sim (ILGPU's CPU simulator, slow)", DefaultValueFactory = _ => "cpu" };
        var xor = new Command("xor", "Train a 2-layer MLP on the XOR truth table (book §9.3) and show a linear model cannot") { epochs, lr, hidden, seed, device };
        xor.SetAction(parse =>
        {
            var options = new XorDemo.Options(parse.GetValue(epochs), parse.GetValue(lr), parse.GetValue(hidden), parse.GetValue(seed), parse.GetValue(device)!);
            return XorDemo.Run(options, output) ? 0 : 2;
        });
        return new Command("demo", "Run a small end-to-end demo on built-in data") { xor, BiasVariance(output), Elbow(output), LearningRates(output), Superpixels(output), ModeAveragingDemo(output) };
    }

    private static Command ModeAveragingDemo(TextWriter output)
    {
        var labels = new Option<long>("--labels") { Description = "Expert labels both policies are cloned from", DefaultValueFactory = _ => 1000 };
        var episodes = new Option<int>("--episodes") { Description = "Evaluation episodes per policy", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Seed of the demonstrations, weights and batch order", DefaultValueFactory = _ => 0 };
        var command = new Command("mode-averaging", "Behaviour cloning of a two-route expert: a Gaussian policy hits the obstacle, a mixture policy does not (book §22.2, §23.1)") { labels, episodes, seed };
        command.SetAction(parse =>
        {
            var (n, e, s) = (parse.GetValue(labels), parse.GetValue(episodes), parse.GetValue(seed));
            if (e < 1) throw new ArgumentException($"--episodes must be at least 1, got {e}");
            output.WriteLine("policy        success  collision  mean return");
            foreach (var o in ModeAveraging.Compare(s, n, e))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{o.Algorithm,-12}  {o.SuccessRate,7:P0}  {o.CollisionRate,9:P0}  {o.MeanReturn,11:F3}"));
            return 0;
        });
        return command;
    }

    private static Command LearningRates(TextWriter output)
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training rows for each learning rate", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the initial weights and the batch order (shared by the three runs)", DefaultValueFactory = _ => 0 };
        var png = new Option<string>("--out") { Description = "PNG file for the three loss curves", DefaultValueFactory = _ => "learning-rates.png" };
        var command = new Command("learning-rates", "One MLP on digits trained with a too-small, a good and a too-large learning rate; loss curves as a PNG (book §11.4)") { epochs, seed, png };
        command.SetAction(parse =>
        {
            LearningRateDemo.Run(new LearningRateDemo.Options(parse.GetValue(epochs), parse.GetValue(seed), parse.GetValue(png)!), output);
            return 0;
        });
        return command;
    }

    private static Command Superpixels(TextWriter output)
    {
        var k = new Option<int>("--k") { Description = "Number of superpixels to aim for (grid cells)", DefaultValueFactory = _ => 100 };
        var compactness = new Option<double>("--compactness") { Description = "Weight of position against CIELAB colour: larger gives more regular shapes", DefaultValueFactory = _ => 10.0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated scene", DefaultValueFactory = _ => 0 };
        var png = new Option<string>("--out") { Description = "PNG file for the scene with superpixel boundaries", DefaultValueFactory = _ => "superpixels.png" };
        var command = new Command("superpixels", "SLIC superpixels (local k-means in colour + position) on a generated image, as a PNG (book §18.1)") { k, compactness, seed, png };
        command.SetAction(parse =>
        {
            SuperpixelsDemo.Run(new SuperpixelsDemo.Options(parse.GetValue(k), parse.GetValue(compactness), parse.GetValue(seed), parse.GetValue(png)!), output);
            return 0;
        });
        return command;
    }

    private static Command Elbow(TextWriter output)
    {
        var data = new Option<string>("--data") { Description = "CSV, .npy, built-in data set or generator spec", DefaultValueFactory = _ => "iris" };
        var target = new Option<string?>("--target") { Description = "A column to leave out of the features (e.g. the class label)", DefaultValueFactory = _ => "species" };
        var maxK = new Option<int>("--max-k") { Description = "Largest number of clusters", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "random_state of k-means", DefaultValueFactory = _ => 0 };
        var command = new Command("elbow", "k-means inertia and silhouette for k = 1 … max-k (book §4.4)") { data, target, maxK, seed };
        command.SetAction(parse =>
        {
            ElbowDemo.Run(parse.GetValue(data)!, parse.GetValue(target), parse.GetValue(maxK), parse.GetValue(seed), output);
            return 0;
        });
        return command;
    }

    private static Command BiasVariance(TextWriter output)
    {
        var defaults = new Grimoire.Ml.BiasVariance.BiasVarianceStudy.Options();
        var maxDegree = new Option<int>("--max-degree") { Description = "Highest polynomial degree", DefaultValueFactory = _ => defaults.MaxDegree };
        var steps = new Option<int>("--steps") { Description = "Gradient-descent steps per model", DefaultValueFactory = _ => defaults.Steps };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the noise", DefaultValueFactory = _ => defaults.Noise };
        var seed = new Option<int>("--seed") { Description = "Seed of the sampled data", DefaultValueFactory = _ => defaults.Seed };
        var command = new Command("bias-variance", "Train vs test error as the model grows (book §6.1)") { maxDegree, steps, noise, seed };
        command.SetAction(parse =>
        {
            BiasVarianceDemo.Run(defaults with { MaxDegree = parse.GetValue(maxDegree), Steps = parse.GetValue(steps), Noise = parse.GetValue(noise), Seed = parse.GetValue(seed) }, output);
            return 0;
        });
        return command;
    }
}
