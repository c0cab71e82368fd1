using Grimoire.Language.Checkpoints;
using Grimoire.Nn.Checkpoints;
using Grimoire.Text.Tokenizers;

namespace Grimoire.Rlhf.RewardModels;

/// <summary>A reward model on disk: the language-model checkpoint layout (kind, hyper-parameters, tokeniser) with the
/// head's weights beside the trunk's and "rlhf.model" = "reward" in the metadata.</summary>
public static class RewardModelFile
{
    private const string Key = "rlhf.model";
    private const string Value = "reward";

    /// <summary>Writes <paramref name="model"/> and its tokeniser to <paramref name="path"/>.</summary>
    public static void Save(string path, ScalarHeadModel model, ITokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        LanguageModelFile.Save(path, model, model.Trunk, tokenizer, [new(Key, Value)]);
    }

    /// <summary>The reward model saved at <paramref name="path"/>; the caller owns it.</summary>
    /// <exception cref="CheckpointException">a missing or damaged file, or one that is not a reward model.</exception>
    public static (ScalarHeadModel Model, ITokenizer Tokenizer) Load(string path) =>
        LanguageModelFile.Load(path, trunk => new ScalarHeadModel(trunk), meta =>
        {
            if (!meta.TryGetValue(Key, out var kind) || kind != Value)
                throw new CheckpointException($"{path}: not a reward model (metadata '{Key}' is not '{Value}'; train one with `grimoire rlhf reward`)");
        });
}
