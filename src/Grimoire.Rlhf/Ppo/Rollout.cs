using Grimoire.Autograd;
using Grimoire.Language;
using Grimoire.Language.Generation;
using Grimoire.Rlhf.RewardModels;
using Grimoire.Rlhf.Sampling;

namespace Grimoire.Rlhf.Ppo;

/// <summary>One batch of sampled completions and what PPO needs of them, batch-major (token t of sequence n at n·L + t):
/// the policy's and the reference's log-probability of each generated token, the value before each token (when a value
/// model is given) and the reward model's score of each sequence.</summary>
internal sealed record Rollout(int PromptTokens, int CompletionTokens, int[][] Completions, int[] Inputs, float[] LogProbs, float[] ReferenceLogProbs, float[]? Values, float[] Scores)
{
    public int Sequences => Completions.Length;

    /// <summary>Samples <paramref name="completionTokens"/> tokens after each prompt from <paramref name="policy"/> and scores them.</summary>
    public static Rollout Collect(LanguageModel policy, LanguageModel reference, ScalarHeadModel reward, ScalarHeadModel? value, int[][] prompts, int completionTokens, ulong seed)
    {
        var completions = Sampling.Completions.Sample(policy, prompts, completionTokens, new SamplingSettings(Seed: seed));
        var promptTokens = prompts[0].Length;
        using var noGrad = GradMode.NoGrad();
        using var scope = new TensorScope();
        var full = Sampling.Completions.Join(prompts, completions, completionTokens);
        var inputs = Sampling.Completions.Join(prompts, completions, completionTokens - 1);
        var actions = Tensor.FromArray(completions.SelectMany(c => c).ToArray());
        return new Rollout(promptTokens, completionTokens, completions, inputs.ToArray<int>(),
            TokenLogProbs(policy, inputs, actions, promptTokens, completionTokens).ToArray<float>(),
            TokenLogProbs(reference, inputs, actions, promptTokens, completionTokens).ToArray<float>(),
            value is null ? null : ValueEstimates(value, inputs, promptTokens, completionTokens).ToArray<float>(),
            reward.Reward(full, completionTokens).ToArray<float>());
    }

    /// <summary>log π(aₜ | prompt, a&lt;t) for the generated tokens, [rows·L] batch-major, from the inputs [rows, P + L − 1]
    /// (each prompt and its completion but the last token) and the actions [rows·L].</summary>
    public static Tensor TokenLogProbs(LanguageModel model, Tensor inputs, Tensor actions, int promptTokens, int completionTokens)
    {
        var (logits, _) = model.Forward(inputs);
        return logits.Slice(1, promptTokens - 1, promptTokens - 1 + completionTokens).Contiguous()
            .Reshape(-1, model.VocabularySize).CategoricalLogProb(actions);
    }

    /// <summary>V(state before each generated token), [rows·L] batch-major: the value head at the positions that predict them.</summary>
    public static Tensor ValueEstimates(ScalarHeadModel value, Tensor inputs, int promptTokens, int completionTokens) =>
        value.Forward(inputs).Slice(1, promptTokens - 1, promptTokens - 1 + completionTokens).Contiguous().Reshape(-1);

    /// <summary>Rows <paramref name="rows"/> of the inputs as a tensor [rows, P + L − 1], and their actions [rows·L].</summary>
    public (Tensor Inputs, Tensor Actions) Rows(ReadOnlySpan<int> rows)
    {
        var width = PromptTokens + CompletionTokens - 1;
        var (inputs, actions) = (new int[rows.Length * width], new int[rows.Length * CompletionTokens]);
        for (var r = 0; r < rows.Length; r++)
        {
            Array.Copy(Inputs, rows[r] * width, inputs, r * width, width);
            Completions[rows[r]].CopyTo(actions, r * CompletionTokens);
        }
        return (Tensor.FromArray(inputs, new Shape(rows.Length, width)), Tensor.FromArray(actions));
    }

    /// <summary>The per-token entries of <paramref name="rows"/> of a batch-major array.</summary>
    public float[] Gather(float[] batchMajor, ReadOnlySpan<int> rows)
    {
        var result = new float[rows.Length * CompletionTokens];
        for (var r = 0; r < rows.Length; r++) Array.Copy(batchMajor, rows[r] * CompletionTokens, result, r * CompletionTokens, CompletionTokens);
        return result;
    }

    /// <summary>A batch-major array [N·L] as time-major [L·N] (the layout of Grimoire.Rl's return estimates), or back when <paramref name="inverse"/>.</summary>
    public float[] Transpose(float[] values, bool inverse = false)
    {
        var (n, l) = (Sequences, CompletionTokens);
        var result = new float[values.Length];
        for (var s = 0; s < n; s++)
            for (var t = 0; t < l; t++)
            {
                if (inverse) result[s * l + t] = values[t * n + s];
                else result[t * n + s] = values[s * l + t];
            }
        return result;
    }
}
