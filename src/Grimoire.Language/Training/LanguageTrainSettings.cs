namespace Grimoire.Language.Training;

/// <summary>How a language model is trained: AdamW (β = 0.9, 0.99), <see cref="WarmupSteps"/> of linear warm-up then a cosine
/// schedule from <see cref="LearningRate"/> down to a tenth of it at <see cref="Steps"/> (nanoGPT's <c>get_lr</c>), and the
/// gradient's global norm clipped to <see cref="ClipNorm"/>.</summary>
/// <param name="Steps">Optimizer steps.</param>
/// <param name="Batch">Sequences per step.</param>
/// <param name="Window">Tokens per sequence (the BPTT window of a recurrent model).</param>
/// <param name="LearningRate">Peak rate.</param>
/// <param name="Seed">Seeds the random windows.</param>
public sealed record LanguageTrainSettings(int Steps, int Batch, int Window, double LearningRate, ulong Seed = 0)
{
    /// <summary>AdamW's decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Steps of linear warm-up before the cosine; 0 for none.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Decay only parameters of rank ≥ 2 (weights, embeddings), as nanoGPT; all of them when false.</summary>
    public bool DecayMatricesOnly { get; init; }

    /// <summary>The bound on the gradients' joint L2 norm.</summary>
    public double ClipNorm { get; init; } = 1.0;

    /// <summary>Steps between progress lines; 0 for about twenty lines a run.</summary>
    public int LogEvery { get; init; }

    /// <summary>Throws unless every value is in range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a count below 1 or a rate, decay or norm out of range.</exception>
    public LanguageTrainSettings Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), $"--steps must be at least 1, got {Steps}");
        if (Batch < 1) throw new ArgumentOutOfRangeException(nameof(Batch), $"--batch must be at least 1, got {Batch}");
        if (Window < 1) throw new ArgumentOutOfRangeException(nameof(Window), $"the training window (--context) must be at least 1, got {Window}");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), $"--lr must be a positive finite number, got {LearningRate}");
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), $"weight decay must be a finite number >= 0, got {WeightDecay}");
        if (!(ClipNorm > 0) || !double.IsFinite(ClipNorm)) throw new ArgumentOutOfRangeException(nameof(ClipNorm), $"the clipping norm must be a positive finite number, got {ClipNorm}");
        if (WarmupSteps < 0 || WarmupSteps >= Steps) throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, $"warm-up must be at least 0 and shorter than the {Steps} steps");
        if (LogEvery < 0) throw new ArgumentOutOfRangeException(nameof(LogEvery), $"progress interval must be >= 0, got {LogEvery}");
        return this;
    }
}
