using System.Globalization;
using Grimoire;
using Grimoire.IO;
using Grimoire.Nn.Checkpoints;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;

/// <summary>The engine side of the weight-for-weight check against PyTorch (transformer_torch.py's parity mode): the run's
/// initial weights, every batch it draws, the loss, gradient norm and learning rate of each step, the gradients of step 0
/// before clipping, and the weights with AdamW's moments after 1, 2, 10, 100, 500, 1000 and 2000 steps, all as safetensors
/// (Linear weights stored [in, out], the transpose of PyTorch's).</summary>
internal static class ParityDump
{
    private static readonly int[] Snapshots = [1, 2, 10, 100, 500, 1000, 2000];

    public static void Run(string dir, int steps, DecoderOnlyTransformer model, AdamW optimizer,
        Func<Action<Tensor, Tensor>?, Action?, double> step, Func<double> lastNorm, Func<double> heldOut)
    {
        Directory.CreateDirectory(dir);
        Checkpoint.Save(Path.Combine(dir, "init.safetensors"), model);
        var (xs, ys) = (new List<int>(), new List<int>());
        var (losses, norms, rates) = (new double[steps], new double[steps], new double[steps]);
        for (var t = 0; t < steps; t++)
        {
            rates[t] = optimizer.LearningRate;
            var first = t == 0;
            losses[t] = step((x, y) => { xs.AddRange(x.ToArray<int>()); ys.AddRange(y.ToArray<int>()); },
                first ? () => WriteGradients(Path.Combine(dir, "grads0.safetensors"), model) : null);
            norms[t] = lastNorm();
            if (Snapshots.Contains(t + 1))
                Checkpoint.Save(Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"after{t + 1}.safetensors")), model, optimizer);
        }
        var shape = new[] { steps, xs.Count / steps / 64, 64 };
        SafeTensors.Write(Path.Combine(dir, "trace.safetensors"), new Dictionary<string, string>(),
        [
            StoredTensor.From("x", shape, xs.ToArray()), StoredTensor.From("y", shape, ys.ToArray()),
            StoredTensor.From("loss", [steps], losses), StoredTensor.From("grad_norm", [steps], norms), StoredTensor.From("lr", [steps], rates),
        ]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"peer\":\"grimoire\",\"dir\":\"{dir}\",\"steps\":{steps},\"loss0\":{losses[0]:R},\"last_loss\":{losses[^1]:R},\"val_loss_all_windows\":{heldOut():F4}}}"));
    }

    private static void WriteGradients(string path, DecoderOnlyTransformer model) =>
        SafeTensors.Write(path, new Dictionary<string, string>(),
            model.NamedParameters().Select(p => StoredTensor.From(p.Name, p.Parameter.Shape.ToArray(), p.Parameter.Grad!.ToArray<float>())));
}
