using System.Diagnostics;
using System.Globalization;
using Grimoire.Autograd;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;
using Grimoire.Rlhf.Preferences;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Rlhf.RewardModels;

/// <summary>What fitting a reward model gave: pairs in all, the held-out pairwise accuracy, the last steps' mean loss, seconds.</summary>
public sealed record RewardTrainResult(int Pairs, int HeldOutPairs, double Accuracy, double TrainLoss, double Seconds);

/// <summary>Fits a <see cref="ScalarHeadModel"/> to preference pairs with the Bradley–Terry loss (book §35.2).</summary>
public static class RewardModelTrainer
{
    /// <summary>Trains <paramref name="model"/> in place on <paramref name="pairs"/>; progress lines go to <paramref name="progress"/>.</summary>
    /// <exception cref="ArgumentException">fewer than two pairs.</exception>
    /// <exception cref="Grimoire.Text.TextDataException">text the tokeniser cannot encode.</exception>
    public static RewardTrainResult Train(ScalarHeadModel model, ITokenizer tokenizer, IReadOnlyList<PreferencePair> pairs, RewardTrainSettings settings, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(pairs);
        settings.Validate();
        if (pairs.Count < 2) throw new ArgumentException($"a reward model needs at least 2 preference pairs (one to hold out), got {pairs.Count}");
        var clock = Stopwatch.StartNew();
        var encoded = pairs.Select(p => (Prompt: tokenizer.Encode(p.Prompt), Chosen: tokenizer.Encode(p.Chosen), Rejected: tokenizer.Encode(p.Rejected))).ToArray();
        var rng = new Rng(settings.Seed);
        rng.Shuffle(encoded.AsSpan());
        var heldOut = Math.Clamp((int)Math.Round(encoded.Length * settings.HeldOut), 1, encoded.Length - 1);
        var (test, train) = (encoded[..heldOut], encoded[heldOut..]);
        var losses = new double[settings.Steps];
        using (var optimizer = new AdamW(model.Parameters(), settings.LearningRate, 0.9, 0.99, weightDecay: 0.01))
        {
            var logEvery = Math.Max(1, settings.Steps / 10);
            for (var step = 0; step < settings.Steps; step++)
            {
                using var scope = new TensorScope();
                var batch = Enumerable.Range(0, Math.Min(settings.Batch, train.Length)).Select(_ => train[rng.NextInt(train.Length)]).ToArray();
                var loss = BradleyTerry.Loss(RewardScoring.Score(model, [.. batch.Select(b => (b.Prompt, b.Chosen))]),
                    RewardScoring.Score(model, [.. batch.Select(b => (b.Prompt, b.Rejected))]));
                optimizer.ZeroGrad();
                loss.Backward();
                GradientClipping.ClipByGlobalNorm(optimizer.Parameters, 1.0);
                optimizer.Step();
                losses[step] = loss.Item();
                if ((step + 1) % logEvery == 0)
                    progress?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reward step {step + 1}/{settings.Steps}  loss {losses[(step + 1 - logEvery)..(step + 1)].Average():F4}"));
            }
        }
        var accuracy = Accuracy(model, test);
        progress?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held-out pairwise accuracy {accuracy:F3} over {test.Length} pairs"));
        var tail = Math.Max(1, settings.Steps / 10);
        return new RewardTrainResult(pairs.Count, test.Length, accuracy, losses[^tail..].Average(), clock.Elapsed.TotalSeconds);
    }

    private static double Accuracy(ScalarHeadModel model, (int[] Prompt, int[] Chosen, int[] Rejected)[] pairs)
    {
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var chosen = RewardScoring.Score(model, [.. pairs.Select(b => (b.Prompt, b.Chosen))]).ToArray<float>();
        var rejected = RewardScoring.Score(model, [.. pairs.Select(b => (b.Prompt, b.Rejected))]).ToArray<float>();
        return BradleyTerry.Accuracy(chosen, rejected);
    }
}
