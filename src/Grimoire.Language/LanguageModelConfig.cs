using System.Globalization;
using Grimoire.IO;
using Grimoire.Nn.Checkpoints;

namespace Grimoire.Language;

/// <summary>What builds a language model: its catalogue kind and hyper-parameters. <see cref="Context"/> is the fixed
/// context of a feed-forward model, the truncated-BPTT window of a recurrent one and the block size of a transformer;
/// <see cref="Dim"/> the embedding (and hidden) width; <see cref="Heads"/> is used by attention models only.</summary>
/// <param name="Kind">The catalogue name ("lstm").</param>
/// <param name="Vocabulary">Token ids the model reads and predicts.</param>
/// <param name="Context">Tokens of context (see above).</param>
/// <param name="Layers">Stacked layers.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="Dim">Width of embeddings and hidden layers.</param>
public sealed record LanguageModelConfig(string Kind, int Vocabulary, int Context, int Layers, int Heads, int Dim)
{
    /// <summary>How a transformer encodes positions: "sinusoidal" (the default) or "learned"; other kinds ignore it.</summary>
    public string Positions { get; init; } = SinusoidalPositions;

    /// <summary>The names <see cref="Positions"/> takes.</summary>
    public const string SinusoidalPositions = "sinusoidal", LearnedPositions = "learned";

    private const string Prefix = "lm.";
    private static readonly string[] Keys = ["kind", "vocabulary", "context", "layers", "heads", "dim"];

    /// <summary>Throws unless every size is at least 1 and the kind is named.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a size below 1, or positions other than sinusoidal or learned.</exception>
    /// <exception cref="ArgumentException">no kind.</exception>
    public LanguageModelConfig Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Kind);
        foreach (var (name, value) in Sizes())
            if (value < 1) throw new ArgumentOutOfRangeException(name, $"{Kind}: {name} must be at least 1, got {value}");
        if (Positions is not (SinusoidalPositions or LearnedPositions))
            throw new ArgumentOutOfRangeException(nameof(Positions), $"{Kind}: positions must be {SinusoidalPositions} or {LearnedPositions}, got '{Positions}'");
        return this;
    }

    /// <summary>The config as checkpoint metadata ("lm.kind", "lm.context", …).</summary>
    public IEnumerable<KeyValuePair<string, string>> ToMetadata() =>
        [new(Prefix + "kind", Kind), .. Sizes().Select(s => new KeyValuePair<string, string>(Prefix + s.Name, s.Value.ToString(CultureInfo.InvariantCulture))),
            new(Prefix + "positions", Positions)];

    /// <summary>The config stored in checkpoint metadata by <see cref="ToMetadata"/>.</summary>
    /// <exception cref="CheckpointException">a key missing, or a size that is not an integer ≥ 1.</exception>
    public static LanguageModelConfig FromMetadata(string path, IReadOnlyDictionary<string, string> meta)
    {
        string Get(string key) => meta.TryGetValue(Prefix + key, out var v) ? v : throw new CheckpointException($"{path}: metadata '{Prefix}{key}' is missing (not a model saved by `grimoire lm train`?)");
        int Size(string key) => int.TryParse(Get(key), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1
            ? v : throw new CheckpointException($"{path}: metadata '{Prefix}{key}' must be an integer >= 1, got {Excerpt.Of(Get(key))}");
        var positions = meta.TryGetValue(Prefix + "positions", out var p) ? p : SinusoidalPositions;
        if (positions is not (SinusoidalPositions or LearnedPositions))
            throw new CheckpointException($"{path}: metadata '{Prefix}positions' must be {SinusoidalPositions} or {LearnedPositions}, got {Excerpt.Of(positions)}");
        return new LanguageModelConfig(Get(Keys[0]), Size(Keys[1]), Size(Keys[2]), Size(Keys[3]), Size(Keys[4]), Size(Keys[5])) { Positions = positions };
    }

    private IEnumerable<(string Name, int Value)> Sizes() =>
        [(Keys[1], Vocabulary), (Keys[2], Context), (Keys[3], Layers), (Keys[4], Heads), (Keys[5], Dim)];
}
