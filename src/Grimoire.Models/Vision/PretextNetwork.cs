using Grimoire.Models.Networks;
using Grimoire.Models.Neural;
using Grimoire.Nn;
using Grimoire.Nn.Layers;

namespace Grimoire.Models.Vision;

/// <summary>A self-supervised model of book §17: an encoder pretrained on digits without labels by a pretext task, then
/// frozen and scored by a linear probe trained on 10 % of the labels, against the same probe on the untrained encoder
/// ("random_encoder_probe_accuracy"). What it predicts with is the encoder and its probe: a digit per row.</summary>
public abstract class PretextNetwork(int epochs, int batchSize, double learningRate) : NetworkTrainer(epochs, batchSize, learningRate)
{
    /// <inheritdoc/>
    public override string BookSection => "§17";

    /// <inheritdoc/>
    public override string Family => "vision";

    /// <inheritdoc/>
    public override string Task => "representation learning";

    /// <inheritdoc/>
    public override string Metric => "probe_accuracy";

    /// <inheritdoc/>
    public override string TrainingData => $"{DigitsData.Description}, 10 % of the labels";

    /// <inheritdoc/>
    public override NetworkInput Input => DigitsData.Input;

    /// <inheritdoc/>
    protected internal override Module Build(Rng rng) => SelfSupervised.Classifier(SelfSupervised.Encoder(Seed), rng);

    /// <inheritdoc/>
    protected sealed override TrainedNetwork Run(Device device, TextWriter? progress)
    {
        using var data = DigitsData.Load(Seed, Name, device);
        var rng = new Rng((ulong)Seed);
        return Owning(SelfSupervised.Encoder(Seed), encoder =>
        {
            using var untrained = SelfSupervised.Encoder(Seed);
            untrained.To(device);
            encoder.To(device);
            var (loss, extra) = Pretrain(encoder, data, device, rng, progress);
            var (probe, accuracy, baseline) = SelfSupervised.CompareProbes(encoder, untrained, data, Seed, device, progress);
            var figures = new Dictionary<string, double> { ["random_encoder_probe_accuracy"] = baseline };
            foreach (var (name, value) in extra) figures[name] = value;
            return new TrainedNetwork(new Sequential(encoder, probe), loss, accuracy) { Extra = figures };
        });
    }

    /// <summary>Trains <paramref name="encoder"/> (already on <paramref name="device"/>) in place by the pretext task, with
    /// heads of its own that it disposes, never the encoder; returns the last epoch's mean pretext loss and further figures.</summary>
    protected abstract (double Loss, IReadOnlyDictionary<string, double> Extra) Pretrain(Module encoder, DigitsData data, Device device, Rng rng, TextWriter? progress);
}
