using Grimoire.IO;
using Grimoire.Language.Catalogue;
using Grimoire.Nn;
using Grimoire.Nn.Checkpoints;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Language.Checkpoints;

/// <summary>A trained language model on disk: the weights in the engine's checkpoint (safetensors) layout, with the model
/// kind and hyper-parameters ("lm.*") and the tokeniser in the metadata, so the file alone rebuilds the model. A module
/// built around a language model (a reward model: the model plus a scalar head) is saved and loaded the same way.</summary>
public static class LanguageModelFile
{
    /// <summary>Writes <paramref name="model"/> and <paramref name="tokenizer"/> to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">a tokeniser whose ids do not match the model's vocabulary, or one checkpoints cannot hold.</exception>
    public static void Save(string path, LanguageModel model, ITokenizer tokenizer) => Save(path, model, model, tokenizer);

    /// <summary>Writes <paramref name="module"/>, which is built around <paramref name="trunk"/>, with the trunk's kind and
    /// hyper-parameters, <paramref name="tokenizer"/> and the caller's <paramref name="metadata"/>.</summary>
    /// <exception cref="ArgumentException">a tokeniser whose ids do not match the model's vocabulary, or one checkpoints cannot hold.</exception>
    public static void Save(string path, ModuleBase module, LanguageModel trunk, ITokenizer tokenizer, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(trunk);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer.VocabularySize != trunk.VocabularySize)
            throw new ArgumentException($"the tokenizer has {tokenizer.VocabularySize} ids but the model {trunk.VocabularySize}", nameof(tokenizer));
        var meta = new Dictionary<string, string>([.. trunk.Config.ToMetadata(), .. TokenizerMetadata.Of(tokenizer), .. metadata ?? []]);
        Checkpoint.Save(path, module, metadata: meta);
    }

    /// <summary>The model and tokeniser saved at <paramref name="path"/>; the caller owns (disposes) the model.</summary>
    /// <exception cref="CheckpointException">a missing or damaged file, unknown kind, or weights that do not fit it.</exception>
    public static (LanguageModel Model, ITokenizer Tokenizer) Load(string path) => Load(path, model => model);

    /// <summary>The module saved at <paramref name="path"/> by <see cref="Save(string, ModuleBase, LanguageModel, ITokenizer, IEnumerable{KeyValuePair{string, string}})"/>:
    /// the language model its metadata describes, wrapped by <paramref name="wrap"/>, its weights loaded, and the tokeniser.
    /// <paramref name="checkMetadata"/> may refuse the file by throwing a <see cref="CheckpointException"/>. The caller owns the module.</summary>
    /// <exception cref="CheckpointException">a missing or damaged file, unknown kind, or weights that do not fit it.</exception>
    public static (T Module, ITokenizer Tokenizer) Load<T>(string path, Func<LanguageModel, T> wrap, Action<IReadOnlyDictionary<string, string>>? checkMetadata = null)
        where T : ModuleBase
    {
        ArgumentNullException.ThrowIfNull(wrap);
        var (meta, _) = SafeTensors.Read(path, "language model", message => new CheckpointException(message));
        checkMetadata?.Invoke(meta);
        var config = LanguageModelConfig.FromMetadata(path, meta);
        var tokenizer = TokenizerMetadata.Read(path, meta);
        if (tokenizer.VocabularySize != config.Vocabulary)
            throw new CheckpointException($"{path}: the tokenizer has {tokenizer.VocabularySize} ids but the model {config.Vocabulary}");
        var plugin = LanguageModelCatalogue.Models.FirstOrDefault(m => m.Name == config.Kind)
            ?? throw new CheckpointException($"{path}: language model '{Excerpt.Of(config.Kind)}' is not one this build knows");
        LanguageModel model;
        try { model = plugin.Create(config, new Rng(0)); }
        catch (ArgumentException e) { throw new CheckpointException($"{path}: {e.Message}"); }
        ModuleBase owner = model;
        try
        {
            var module = wrap(model);
            owner = module;
            Checkpoint.Load(path, module);
            return (module, tokenizer);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }
}
