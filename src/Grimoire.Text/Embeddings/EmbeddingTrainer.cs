using Grimoire.Ml;
using Grimoire.Ml.Models;
using Grimoire.Ml.Models.Settings;
using Grimoire.Text.Corpora;

namespace Grimoire.Text.Embeddings;

/// <summary>The embedding methods by name, as `grimoire embed train` runs them: word2vec, glove, fasttext.</summary>
public static class EmbeddingTrainer
{
    /// <summary>The method names.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["word2vec", "glove", "fasttext"];

    /// <summary>Trains <paramref name="method"/> on the shipped corpus or UTF-8 file <paramref name="data"/> with the
    /// key=value <paramref name="settings"/> (the keys of <see cref="Word2VecSettings"/>, <see cref="GloveSettings"/>
    /// or <see cref="FastTextSettings"/>).</summary>
    /// <exception cref="ModelException">an unknown method, or an unknown or out-of-range setting.</exception>
    /// <exception cref="TextDataException">the data cannot be read or has too few words.</exception>
    public static EmbeddingTrainingResult Train(string method, string data, ModelSettings settings, Action<EmbeddingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(settings);
        // Settings first: a typo should not wait for the corpus to load.
        Func<string, EmbeddingTrainingResult> train = method switch
        {
            "word2vec" => Bound<Word2VecSettings>(settings, method, (text, s) => Word2Vec.Train(text, s, progress)),
            "glove" => Bound<GloveSettings>(settings, method, (text, s) => Glove.Train(text, s, progress)),
            "fasttext" => Bound<FastTextSettings>(settings, method, (text, s) => FastText.Train(text, s, progress)),
            _ => throw new ModelException($"unknown embedding method '{method}'; choose one of {string.Join(", ", Methods)}"),
        };
        return train(TextCorpus.Load(data));
    }

    private static Func<string, EmbeddingTrainingResult> Bound<T>(ModelSettings settings, string method, Func<string, T, EmbeddingTrainingResult> train) where T : new()
    {
        var typed = EstimatorSettings.Bind<T>(settings, method);
        EstimatorSettings.Validate(typed!);
        return text => train(text, typed);
    }
}
