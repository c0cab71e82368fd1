using Grimoire.IO;
using Grimoire.Nn.Checkpoints;
using Grimoire.Text;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Language.Checkpoints;

/// <summary>A tokeniser stored in a model checkpoint's metadata, so a saved model decodes its own ids: "tokenizer" names
/// the kind and "tokenizer.json" holds the tokeniser in <see cref="TokenizerFile"/>'s JSON.</summary>
internal static class TokenizerMetadata
{
    private const string KindKey = "tokenizer";
    private const string JsonKey = "tokenizer.json";

    /// <exception cref="ArgumentException">a tokeniser of another library.</exception>
    public static IEnumerable<KeyValuePair<string, string>> Of(ITokenizer tokenizer) =>
        [new(KindKey, tokenizer.Kind), new(JsonKey, TokenizerFile.ToJson(tokenizer))];

    /// <exception cref="CheckpointException">no tokeniser, or one that does not load.</exception>
    public static ITokenizer Read(string path, IReadOnlyDictionary<string, string> meta)
    {
        if (!meta.TryGetValue(KindKey, out var kind)) throw new CheckpointException($"{path}: metadata '{KindKey}' is missing");
        if (!meta.TryGetValue(JsonKey, out var json)) throw new CheckpointException($"{path}: metadata '{JsonKey}' is missing");
        ITokenizer tokenizer;
        try { tokenizer = TokenizerFile.FromJson(json); }
        catch (TextDataException e) { throw new CheckpointException($"{path}: the stored tokenizer does not load: {e.Message}"); }
        if (tokenizer.Kind != kind) throw new CheckpointException($"{path}: metadata says a '{Excerpt.Of(kind)}' tokenizer but holds a '{tokenizer.Kind}' one");
        return tokenizer;
    }
}
