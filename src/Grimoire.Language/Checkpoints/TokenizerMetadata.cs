using Grimoire.IO;
using Grimoire.Nn.Checkpoints;
using Grimoire.Text;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Language.Checkpoints;

/// <summary>A tokeniser stored in a model checkpoint's metadata, so a saved model decodes its own ids: "tokenizer" names
/// the kind and "tokenizer.alphabet" holds a character tokeniser's characters in id order.</summary>
internal static class TokenizerMetadata
{
    private const string KindKey = "tokenizer";
    private const string AlphabetKey = "tokenizer.alphabet";

    /// <exception cref="ArgumentException">a tokeniser kind checkpoints cannot hold yet.</exception>
    public static IEnumerable<KeyValuePair<string, string>> Of(ITokenizer tokenizer) => tokenizer switch
    {
        CharTokenizer c => [new(KindKey, c.Kind), new(AlphabetKey, string.Concat(c.Alphabet.Select(r => r.ToString())))],
        _ => throw new ArgumentException($"a language-model checkpoint cannot hold a '{tokenizer.Kind}' tokenizer yet", nameof(tokenizer)),
    };

    /// <exception cref="CheckpointException">no tokeniser, or one this build cannot read.</exception>
    public static ITokenizer Read(string path, IReadOnlyDictionary<string, string> meta)
    {
        if (!meta.TryGetValue(KindKey, out var kind)) throw new CheckpointException($"{path}: metadata '{KindKey}' is missing");
        if (kind != "char") throw new CheckpointException($"{path}: tokenizer kind '{Excerpt.Of(kind)}' is not one this build reads");
        if (!meta.TryGetValue(AlphabetKey, out var alphabet) || alphabet.Length == 0)
            throw new CheckpointException($"{path}: metadata '{AlphabetKey}' is missing or empty");
        var runes = alphabet.EnumerateRunes().ToArray();
        if (runes.Distinct().Count() != runes.Length) throw new CheckpointException($"{path}: metadata '{AlphabetKey}' repeats a character");
        try { return new CharTokenizer(runes); }
        catch (TextDataException e) { throw new CheckpointException($"{path}: {e.Message}"); }
    }
}
