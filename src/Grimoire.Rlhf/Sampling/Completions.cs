using Grimoire.Autograd;
using Grimoire.Language;
using Grimoire.Language.Generation;

namespace Grimoire.Rlhf.Sampling;

/// <summary>Samples fixed-length completions of a batch of equal-length prompts at once (one forward per new token for
/// the whole batch, the decoding state carried), as PPO's rollouts and the preference data need. Fixed lengths keep every
/// sequence aligned, so no padding or masks enter the losses.</summary>
public static class Completions
{
    /// <summary><paramref name="length"/> new ids per row of <paramref name="prompts"/> (rows of equal length), drawn by
    /// <paramref name="sampling"/>; row-major [rows, length].</summary>
    /// <exception cref="ArgumentException">no prompts, prompts of different or zero length, or a length below 1.</exception>
    public static int[][] Sample(LanguageModel model, IReadOnlyList<int[]> prompts, int length, SamplingSettings sampling)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (rows, promptLength) = Check(prompts);
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), $"a completion needs at least one token, got {length}");
        var sampler = new TokenSampler(sampling);
        var completions = new int[rows][];
        for (var r = 0; r < rows; r++) completions[r] = new int[length];
        using var noGrad = GradMode.NoGrad();
        using var run = new TensorScope();
        var input = Tensor.FromArray(prompts.SelectMany(p => p).ToArray(), new Shape(rows, promptLength));
        DecodingState? state = null;
        var vocabulary = model.VocabularySize;
        for (var t = 0; t < length; t++)
        {
            using var step = new TensorScope();
            var (logits, next) = model.Forward(input, state);
            var steps = logits.Shape[1];
            var last = logits.Slice(1, steps - 1, steps).Contiguous().ToArray<float>();
            state = next?.KeepIn(step);
            var drawn = new int[rows];
            for (var r = 0; r < rows; r++) completions[r][t] = drawn[r] = sampler.Next(last.AsSpan(r * vocabulary, vocabulary));
            input = step.Keep(Tensor.FromArray(drawn, new Shape(rows, 1)));
        }
        return completions;
    }

    /// <summary>Each prompt followed by its completion, as one [rows, prompt + completion] id tensor.</summary>
    public static Tensor Join(IReadOnlyList<int[]> prompts, IReadOnlyList<int[]> completions, int completionTokens)
    {
        var (rows, promptLength) = Check(prompts);
        var width = promptLength + completionTokens;
        var ids = new int[rows * width];
        for (var r = 0; r < rows; r++)
        {
            prompts[r].CopyTo(ids, r * width);
            Array.Copy(completions[r], 0, ids, r * width + promptLength, completionTokens);
        }
        return Tensor.FromArray(ids, new Shape(rows, width));
    }

    private static (int Rows, int Length) Check(IReadOnlyList<int[]> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (prompts.Count == 0) throw new ArgumentException("no prompts", nameof(prompts));
        var length = prompts[0].Length;
        if (length < 1 || prompts.Any(p => p.Length != length)) throw new ArgumentException("prompts must be non-empty and of one length", nameof(prompts));
        return (prompts.Count, length);
    }
}
