using System.Diagnostics;
using System.Globalization;
using Grimoire.Language;
using Grimoire.Nn;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Training;
using Grimoire.Rl.PolicyGradient;
using Grimoire.Rl.Rollouts;
using Grimoire.Rlhf.Preferences;
using Grimoire.Rlhf.RewardModels;
using Grimoire.Rlhf.Sampling;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Rlhf.Ppo;

/// <summary>One PPO round: the reward model's mean raw score of the round's samples, their mean KL per sequence to the
/// reference, the KL coefficient used, and the oracle's mean score.</summary>
public sealed record PpoIteration(int Iteration, double Reward, double Kl, double Beta, double Oracle);

/// <summary>PPO fine-tuning of a language model against a learned reward (book §35.2, Ziegler et al. 2019): the policy
/// and a frozen reference start as copies of the pretrained model, a value model (another copy with a scalar head) is
/// trained beside the policy. Each round samples completions, rewards each token with −β·KL to the reference and the
/// last one with the reward model's score (whitened by the mean and deviation of the scores of the reference's own
/// samples, measured on the first round), estimates advantages by GAE over the generated tokens, and takes Adam steps on
/// PPO's clipped objective plus the value loss; the adaptive controller then moves β towards the KL target.</summary>
public sealed class RlhfPpoTrainer : IDisposable
{
    private readonly ScalarHeadModel _reward;
    private readonly ScalarHeadModel _value;
    private readonly ITokenizer _tokenizer;
    private readonly PromptSource _prompts;
    private readonly RlhfPpoSettings _settings;

    /// <summary>A trainer fine-tuning a copy of <paramref name="pretrained"/> (which is left as it is) against <paramref name="reward"/>.</summary>
    public RlhfPpoTrainer(LanguageModel pretrained, ScalarHeadModel reward, ITokenizer tokenizer, PromptSource prompts, RlhfPpoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(pretrained);
        ArgumentNullException.ThrowIfNull(reward);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(prompts);
        _settings = settings.Validate();
        if (reward.Trunk.VocabularySize != pretrained.VocabularySize || tokenizer.VocabularySize != pretrained.VocabularySize)
            throw new ArgumentException($"the policy reads {pretrained.VocabularySize} ids, the reward model {reward.Trunk.VocabularySize} and the tokenizer {tokenizer.VocabularySize}; they must share one tokenizer");
        (_reward, _tokenizer, _prompts) = (reward, tokenizer, prompts);
        Policy = ModelCopy.Of(pretrained);
        Reference = ModelCopy.Of(pretrained);
        _value = new ScalarHeadModel(ModelCopy.Of(pretrained), new Rng(settings.Seed));
        Controller = new AdaptiveKlController(settings.InitialBeta, settings.KlTarget, settings.KlHorizon);
    }

    /// <summary>The model being fine-tuned.</summary>
    public LanguageModel Policy { get; }

    /// <summary>The frozen pretrained model the KL penalty measures against; never updated.</summary>
    public LanguageModel Reference { get; }

    /// <summary>The KL coefficient's controller.</summary>
    public AdaptiveKlController Controller { get; }

    /// <summary>Runs every round; one progress line per round goes to <paramref name="progress"/>.</summary>
    public IReadOnlyList<PpoIteration> Train(TextWriter? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var rng = new Rng(_settings.Seed);
        var history = new List<PpoIteration>(_settings.Iterations);
        using var optimizer = new AdamW([.. Policy.Parameters(), .. _value.Parameters()], _settings.LearningRate, 0.9, 0.999, weightDecay: 0);
        (double Mean, double Std)? whitening = null;
        for (var iteration = 0; iteration < _settings.Iterations; iteration++)
        {
            var (_, prompts) = _prompts.Draw(_settings.Sequences, rng);
            var rollout = Rollout.Collect(Policy, Reference, _reward, _value, prompts, _settings.CompletionTokens, _settings.Seed * 1_000_003 + (ulong)iteration);
            whitening ??= MeanAndStd(rollout.Scores);
            var beta = Controller.Beta;
            var kl = Learn(rollout, optimizer, whitening.Value, beta, rng);
            Controller.Update(kl, rollout.Sequences);
            var oracle = rollout.Completions.Average(c => VowelOracle.Score(_tokenizer.Decode(c)));
            history.Add(new PpoIteration(iteration + 1, rollout.Scores.Average(s => (double)s), kl, beta, oracle));
            progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ppo {iteration + 1}/{_settings.Iterations}  reward {history[^1].Reward:F4}  kl {kl:F3}  beta {beta:F4}  oracle {oracle:F3}  {clock.Elapsed.TotalSeconds:F0} s"));
        }
        return history;
    }

    /// <summary>GAE over the rollout's tokens, then the PPO epochs; returns the rollout's mean KL per sequence.</summary>
    private double Learn(Rollout rollout, AdamW optimizer, (double Mean, double Std) whitening, double beta, Rng rng)
    {
        var (n, l) = (rollout.Sequences, rollout.CompletionTokens);
        var kl = new float[n * l];
        KlPenalty.PerToken(rollout.LogProbs, rollout.ReferenceLogProbs, kl);
        var klTime = rollout.Transpose(kl);
        var scores = rollout.Scores.Select(s => (float)((s - whitening.Mean) / whitening.Std)).ToArray();
        var rewards = new float[n * l];
        KlPenalty.Rewards(klTime, scores, beta, rewards);
        var (advantagesTime, returnsTime) = TokenAdvantages.Compute(rewards, rollout.Transpose(rollout.Values!), n, _settings.Gamma, _settings.Lambda);
        var (advantages, returns) = (rollout.Transpose(advantagesTime, inverse: true), rollout.Transpose(returnsTime, inverse: true));
        var order = Enumerable.Range(0, n).ToArray();
        for (var epoch = 0; epoch < _settings.Epochs; epoch++)
        {
            rng.Shuffle(order.AsSpan());
            for (var start = 0; start < n; start += _settings.MiniBatch)
                Step(rollout, order.AsSpan(start, Math.Min(_settings.MiniBatch, n - start)), advantages, returns, optimizer);
        }
        return KlPenalty.MeanSequenceKl(kl, n);
    }

    private void Step(Rollout rollout, ReadOnlySpan<int> rows, float[] advantages, float[] returns, AdamW optimizer)
    {
        using var scope = new TensorScope();
        var (inputs, actions) = rollout.Rows(rows);
        var batchAdvantages = rollout.Gather(advantages, rows);
        ReturnEstimates.Standardize(batchAdvantages);
        var logProbs = Rollout.TokenLogProbs(Policy, inputs, actions, rollout.PromptTokens, rollout.CompletionTokens);
        var surrogate = PpoObjective.ClippedSurrogate(logProbs, Tensor.FromArray(rollout.Gather(rollout.LogProbs, rows)), Tensor.FromArray(batchAdvantages), _settings.Clip);
        var valueLoss = Rollout.ValueEstimates(_value, inputs, rollout.PromptTokens, rollout.CompletionTokens).Mse(Tensor.FromArray(rollout.Gather(returns, rows)));
        var loss = -surrogate + valueLoss * _settings.ValueCoefficient;
        optimizer.ZeroGrad();
        loss.Backward();
        GradientClipping.ClipByGlobalNorm(optimizer.Parameters, 1.0);
        optimizer.Step();
    }

    private static (double Mean, double Std) MeanAndStd(float[] values)
    {
        var mean = values.Average(v => (double)v);
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Length - 1));
        return (mean, Math.Max(std, 1e-6));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Policy.Dispose();
        Reference.Dispose();
        _value.Dispose();
    }
}
