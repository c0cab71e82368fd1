using Grimoire.Autograd;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Language.Generation;

/// <summary>Continues a prompt with a language model (book §33): the prompt is fed once, then each drawn token alone,
/// the model's <see cref="DecodingState"/> carrying everything before it (h and c, the last tokens, a KV cache).</summary>
public static class TextGenerator
{
    /// <summary>Up to <paramref name="maxTokens"/> new tokens after <paramref name="prompt"/>, stopping early after a token
    /// equal to <paramref name="stopToken"/> (included). An empty prompt starts from a newline when the tokeniser has one,
    /// else from id 0. Returns the new text only.</summary>
    /// <exception cref="Grimoire.Text.TextDataException">a prompt the tokeniser cannot encode.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a negative token count.</exception>
    public static string Generate(LanguageModel model, ITokenizer tokenizer, string prompt, int maxTokens, SamplingSettings sampling, int? stopToken = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokens);
        var sampler = new TokenSampler(sampling);
        var ids = prompt.Length > 0 ? tokenizer.Encode(prompt) : StartIds(tokenizer);
        var generated = new List<int>(maxTokens);
        using var noGrad = GradMode.NoGrad();
        using var run = new TensorScope();
        DecodingState? state = null;
        while (generated.Count < maxTokens)
        {
            using var step = new TensorScope();
            var (logits, next) = model.Forward(Tensor.FromArray(ids, new Shape(1, ids.Length)), state);
            var last = logits.Slice(1, ids.Length - 1, ids.Length).Reshape(-1).ToArray<float>();
            state = next?.KeepIn(step);
            var token = sampler.Next(last);
            generated.Add(token);
            if (token == stopToken) break;
            ids = [token];
        }
        return tokenizer.Decode(generated.ToArray());
    }

    private static int[] StartIds(ITokenizer tokenizer)
    {
        try { return tokenizer.Encode("\n") is [var newline] ? [newline] : [0]; }
        catch (Grimoire.Text.TextDataException) { return [0]; }
    }
}
