using Grimoire.IO;
using Grimoire.Language.Catalogue;
using Grimoire.Nn.Checkpoints;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Language.Checkpoints;

/// <summary>A trained language model on disk: the weights in the engine's checkpoint (safetensors) layout, with the model
/// kind and hyper-parameters ("lm.*") and the tokeniser in the metadata, so the file alone rebuilds the model.</summary>
public static class LanguageModelFile
{
    /// <summary>Writes <paramref name="model"/> and <paramref name="tokenizer"/> to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">a tokeniser whose ids do not match the model's vocabulary, or one checkpoints cannot hold.</exception>
    public static void Save(string path, LanguageModel model, ITokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (tokenizer.VocabularySize != model.VocabularySize)
            throw new ArgumentException($"the tokenizer has {tokenizer.VocabularySize} ids but the model {model.VocabularySize}", nameof(tokenizer));
        var meta = new Dictionary<string, string>([.. model.Config.ToMetadata(), .. TokenizerMetadata.Of(tokenizer)]);
        Checkpoint.Save(path, model, metadata: meta);
    }

    /// <summary>The model and tokeniser saved at <paramref name="path"/>; the caller owns (disposes) the model.</summary>
    /// <exception cref="CheckpointException">a missing or damaged file, unknown kind, or weights that do not fit it.</exception>
    public static (LanguageModel Model, ITokenizer Tokenizer) Load(string path)
    {
        var (meta, _) = SafeTensors.Read(path, "language model", message => new CheckpointException(message));
        var config = LanguageModelConfig.FromMetadata(path, meta);
        var tokenizer = TokenizerMetadata.Read(path, meta);
        if (tokenizer.VocabularySize != config.Vocabulary)
            throw new CheckpointException($"{path}: the tokenizer has {tokenizer.VocabularySize} ids but the model {config.Vocabulary}");
        var plugin = LanguageModelCatalogue.Models.FirstOrDefault(m => m.Name == config.Kind)
            ?? throw new CheckpointException($"{path}: language model '{Excerpt.Of(config.Kind)}' is not one this build knows");
        LanguageModel model;
        try { model = plugin.Create(config, new Rng(0)); }
        catch (ArgumentException e) { throw new CheckpointException($"{path}: {e.Message}"); }
        try
        {
            Checkpoint.Load(path, model);
            return (model, tokenizer);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
