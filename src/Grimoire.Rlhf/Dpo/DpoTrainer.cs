using System.Globalization;
using Grimoire.Autograd;
using Grimoire.Language;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;
using Grimoire.Rlhf.Ppo;
using Grimoire.Rlhf.Preferences;
using Grimoire.Rlhf.RewardModels;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Rlhf.Dpo;

/// <summary>Direct preference optimisation (Rafailov et al. 2023; beyond the book): the policy is fitted to the
/// preference pairs directly, with no reward model and no sampling, by the Bradley–Terry loss on the implicit rewards
/// β·log(π(y|x)/π_ref(y|x)) of the chosen and rejected completions, π_ref the frozen pretrained model.</summary>
public sealed class DpoTrainer : IDisposable
{
    /// <summary>A trainer fine-tuning a copy of <paramref name="pretrained"/> (left as it is).</summary>
    public DpoTrainer(LanguageModel pretrained)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        Policy = ModelCopy.Of(pretrained);
        Reference = ModelCopy.Of(pretrained);
    }

    /// <summary>The model being fine-tuned.</summary>
    public LanguageModel Policy { get; }

    /// <summary>The frozen pretrained model; never updated.</summary>
    public LanguageModel Reference { get; }

    /// <summary>The DPO loss −log σ(β·[(log π(y_c) − log π_ref(y_c)) − (log π(y_r) − log π_ref(y_r))]) averaged over
    /// pairs, from the completions' summed log-probabilities [pairs]: <see cref="BradleyTerry.Loss"/> of the implicit rewards.</summary>
    public static Tensor Loss(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected, double beta) =>
        BradleyTerry.Loss((policyChosen - referenceChosen) * beta, (policyRejected - referenceRejected) * beta);

    /// <summary>log π(completion | prompt) summed over the completion's tokens, [rows].</summary>
    public static Tensor SequenceLogProbs(LanguageModel model, IReadOnlyList<(int[] Prompt, int[] Completion)> rows) =>
        RewardScoring.PerGroup(rows, (prompts, completions) =>
        {
            var length = completions[0].Length;
            var logProbs = Rollout.TokenLogProbs(model, Sampling.Completions.Join(prompts, completions, length - 1),
                Tensor.FromArray(completions.SelectMany(c => c).ToArray()), prompts[0].Length, length);
            return logProbs.Reshape(completions.Length, length).Sum(1);
        });

    /// <summary>Adam steps on random mini-batches of <paramref name="pairs"/>; the mean loss of the last tenth of the steps.</summary>
    public double Train(ITokenizer tokenizer, IReadOnlyList<PreferencePair> pairs, int steps, int batch = 32, double beta = 0.1, double learningRate = 3e-4, ulong seed = 0, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0) throw new ArgumentException("DPO needs at least one preference pair");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), $"--steps must be at least 1, got {steps}");
        if (!(beta > 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), $"--beta must be a positive finite number, got {beta}");
        var encoded = pairs.Select(p => (Prompt: tokenizer.Encode(p.Prompt), Chosen: tokenizer.Encode(p.Chosen), Rejected: tokenizer.Encode(p.Rejected))).ToArray();
        var rng = new Rng(seed);
        var losses = new double[steps];
        using var optimizer = new AdamW(Policy.Parameters(), learningRate, 0.9, 0.999, weightDecay: 0);
        for (var step = 0; step < steps; step++)
        {
            using var scope = new TensorScope();
            var chosen = new List<(int[], int[])>();
            var rejected = new List<(int[], int[])>();
            for (var i = 0; i < Math.Min(batch, encoded.Length); i++)
            {
                var p = encoded[rng.NextInt(encoded.Length)];
                chosen.Add((p.Prompt, p.Chosen));
                rejected.Add((p.Prompt, p.Rejected));
            }
            Tensor referenceChosen, referenceRejected;
            using (GradMode.NoGrad())
                (referenceChosen, referenceRejected) = (SequenceLogProbs(Reference, chosen), SequenceLogProbs(Reference, rejected));
            var loss = Loss(SequenceLogProbs(Policy, chosen), SequenceLogProbs(Policy, rejected), referenceChosen, referenceRejected, beta);
            optimizer.ZeroGrad();
            loss.Backward();
            GradientClipping.ClipByGlobalNorm(optimizer.Parameters, 1.0);
            optimizer.Step();
            losses[step] = loss.Item();
            if ((step + 1) % Math.Max(1, steps / 10) == 0)
                progress?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dpo step {step + 1}/{steps}  loss {losses[step]:F4}"));
        }
        return losses[^Math.Max(1, steps / 10)..].Average();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Policy.Dispose();
        Reference.Dispose();
    }
}
