// nanoGPT's CPU tiny-shakespeare run and its training step on the engine, for side-by-side timing with
// benchmarks/lm/transformer_torch.py (same model, data, recipe and measurements). Usage:
//   dotnet run -c Release -- step  --threads 1 [--rounds 7] [--steps 20] [--positions learned|sinusoidal]
//   dotnet run -c Release -- profile --threads 1                (per-op time of a step)
//   dotnet run -c Release -- generate --threads 1 [--context 64] [--tokens 63] [--rounds 5]   (KV cache on and off)
//   dotnet run -c Release -- train --threads 2 [--iters 2000] [--decay-iters 2000] [--positions learned|sinusoidal] [--seed 1337]
//   dotnet run -c Release -- dump --threads 1 [--dir /tmp/lmparity] [--iters 100] [--seed 1337]
//       (the parity check's engine side: initial weights, the batches drawn, step-0 gradients, the weights and AdamW
//        moments after 1, 2, 10, 100, 500, 1000, 2000 steps as safetensors; transformer_torch.py parity replays them)
// Each prints one JSON line at the end (progress lines before it in train mode).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grimoire;
using Grimoire.Autograd;
using Grimoire.Cpu;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;
using Grimoire.Nn.Schedules;
using Grimoire.Text.Corpora;
using Grimoire.Text.Tokenizers;

const int Block = 64, Batch = 12, EvalInterval = 250, EvalIters = 20;
var mode = args.Length > 0 ? args[0] : "step";
string Option(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
CpuParallel.Threads = int.Parse(Option("--threads", "1"), CultureInfo.InvariantCulture);
var positions = Enum.Parse<PositionalEncodingKind>(Option("--positions", "learned"), ignoreCase: true);
var seed = ulong.Parse(Option("--seed", "1337"), CultureInfo.InvariantCulture);

var text = TextCorpus.Load("shakespeare");
var tokenizer = CharTokenizer.FromText(text);
var cut = (int)(text.Length * 0.9); // nanoGPT's prepare.py: the first 90 % trains
var train = tokenizer.Encode(text[..cut]);
var val = tokenizer.Encode(text[cut..]);
var config = new TransformerConfig(tokenizer.VocabularySize, Block, Layers: 4, Heads: 4, Dim: 128, Positions: positions);
using var model = new DecoderOnlyTransformer(config, new Rng(seed));
using var optimizer = new AdamW(model.Parameters(), 1e-3, 0.9, 0.99, 1e-8, weightDecay: 0.1, decays: AdamW.MatricesOnly);
var iters = int.Parse(Option("--iters", "2000"), CultureInfo.InvariantCulture);
// nanoGPT's lr_decay_iters: the cosine reaches 1e-4 there (the recipe sets it to max_iters).
var decayIters = int.Parse(Option("--decay-iters", "2000"), CultureInfo.InvariantCulture);
var schedule = new WarmupCosineLR(optimizer, warmupSteps: 100, decaySteps: decayIters, minLearningRate: 1e-4);
var rng = new Rng(seed + 1);

(Tensor X, Tensor Y) GetBatch(int[] data, Rng r)
{
    var (x, y) = (new int[Batch * Block], new int[Batch * Block]);
    for (var b = 0; b < Batch; b++)
    {
        var start = r.NextInt(data.Length - Block);
        Array.Copy(data, start, x, b * Block, Block);
        Array.Copy(data, start + 1, y, b * Block, Block);
    }
    return (Tensor.FromArray(x, new Shape(Batch, Block)), Tensor.FromArray(y));
}

// One training step; the dump mode watches the batch drawn and the gradients before clipping, then reads their norm.
var lastNorm = 0.0;
double Step(Action<Tensor, Tensor>? onBatch = null, Action? onGradients = null)
{
    using var scope = new TensorScope();
    var (x, y) = GetBatch(train, rng);
    onBatch?.Invoke(x, y);
    var loss = model.Forward(x).Reshape(-1, config.VocabSize).CrossEntropy(y);
    optimizer.ZeroGrad();
    loss.Backward();
    onGradients?.Invoke();
    lastNorm = GradientClipping.ClipByGlobalNorm(optimizer.Parameters, 1.0);
    optimizer.Step();
    schedule.Step();
    return loss.Item();
}

// nanoGPT's estimate_loss: the mean loss of EvalIters random batches per split, in evaluation mode.
double Estimate(int[] data, Rng r)
{
    using var noGrad = GradMode.NoGrad();
    model.Eval();
    var sum = 0.0;
    for (var k = 0; k < EvalIters; k++)
    {
        using var scope = new TensorScope();
        var (x, y) = GetBatch(data, r);
        sum += model.Forward(x).Reshape(-1, config.VocabSize).CrossEntropy(y).Item();
    }
    model.Train();
    return sum / EvalIters;
}

// Every held-out token once: consecutive non-overlapping windows of Block tokens (context 0..63 within each window).
double HeldOut(int[] data)
{
    using var noGrad = GradMode.NoGrad();
    model.Eval();
    var windows = (data.Length - 1) / Block;
    var (sum, count) = (0.0, 0L);
    for (var first = 0; first < windows; first += 64)
    {
        using var scope = new TensorScope();
        var rows = Math.Min(64, windows - first);
        var (x, y) = (new int[rows * Block], new int[rows * Block]);
        for (var r = 0; r < rows; r++)
        {
            Array.Copy(data, (first + r) * Block, x, r * Block, Block);
            Array.Copy(data, (first + r) * Block + 1, y, r * Block, Block);
        }
        var logits = model.Forward(Tensor.FromArray(x, new Shape(rows, Block))).Reshape(-1, config.VocabSize);
        sum += logits.CrossEntropy(Tensor.FromArray(y)).Item() * rows * Block;
        count += rows * Block;
    }
    model.Train();
    return sum / count;
}

if (mode == "generate")
{
    // Generation speed with and without the key/value cache: a 1-character prompt continued by `tokens` tokens (within the
    // context when tokens < context), median of alternating rounds; the two texts must be identical.
    var context = int.Parse(Option("--context", "64"), CultureInfo.InvariantCulture);
    var tokens = int.Parse(Option("--tokens", (context - 1).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
    var rounds = int.Parse(Option("--rounds", "5"), CultureInfo.InvariantCulture);
    var lmConfig = new Grimoire.Language.LanguageModelConfig("transformer", tokenizer.VocabularySize, context, 4, 4, 128) { Positions = "learned" };
    using var lm = new Grimoire.Language.Models.TransformerModel(lmConfig, new Rng(seed));
    var sampling = new Grimoire.Language.Generation.SamplingSettings(0.8, Seed: 7);
    (double Seconds, string Text) Generate(bool cache)
    {
        lm.UseCache = cache;
        var clock = Stopwatch.StartNew();
        var generated = Grimoire.Language.Generation.TextGenerator.Generate(lm, tokenizer, "\n", tokens, sampling);
        return (clock.Elapsed.TotalSeconds, generated);
    }
    Generate(true);
    Generate(false);
    var (with, without) = (new List<double>(), new List<double>());
    var identical = true;
    for (var r = 0; r < rounds; r++)
    {
        var a = Generate(true);
        var b = Generate(false);
        identical &= a.Text == b.Text;
        with.Add(tokens / a.Seconds);
        without.Add(tokens / b.Seconds);
    }
    with.Sort();
    without.Sort();
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        peer = "grimoire", threads = CpuParallel.Threads, context, tokens, identical,
        tokens_per_s_cache = Math.Round(with[rounds / 2], 1), tokens_per_s_no_cache = Math.Round(without[rounds / 2], 1),
        speedup = Math.Round(with[rounds / 2] / without[rounds / 2], 2),
    }));
    return;
}

if (mode == "profile")
{
    for (var i = 0; i < 30; i++) Step();
    using var profile = Grimoire.Diagnostics.OpProfile.Start();
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < 20; i++) Step();
    var total = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"20 steps: {total * 50:F1} ms/step wall; ops by time (ms/step):");
    foreach (var e in profile.Entries.GroupBy(e => (e.Op, e.Variant)).Select(g => (g.Key, Ms: g.Sum(e => e.Seconds) * 50, Calls: g.Sum(e => e.Calls) / 20)).OrderByDescending(e => e.Ms).Take(25))
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {e.Key.Op,-22} {e.Key.Variant,-10} {e.Ms,8:F2}  {e.Calls} calls"));
    return;
}

if (mode == "step")
{
    var (rounds, steps) = (int.Parse(Option("--rounds", "7"), CultureInfo.InvariantCulture), int.Parse(Option("--steps", "20"), CultureInfo.InvariantCulture));
    for (var i = 0; i < 30; i++) Step();
    var times = new List<double>();
    for (var r = 0; r < rounds; r++)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++) Step();
        times.Add(clock.Elapsed.TotalMilliseconds / steps);
    }
    times.Sort();
    var median = times[times.Count / 2];
    Console.WriteLine(JsonSerializer.Serialize(new { peer = "grimoire", threads = CpuParallel.Threads, median_ms = Math.Round(median, 3), tokens_per_s = Math.Round(Batch * Block / median * 1000), rounds_ms = times.Select(t => Math.Round(t, 2)) }));
    return;
}

if (mode == "dump")
{
    var steps = int.Parse(Option("--iters", "100"), CultureInfo.InvariantCulture);
    ParityDump.Run(Option("--dir", "/tmp/lmparity"), steps, model, optimizer, Step, () => lastNorm, () => HeldOut(val));
    return;
}

var evalRng = new Rng(seed + 2);
var wall = Stopwatch.StartNew();
var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
var (trainLoss, valLoss) = (0.0, 0.0);
for (var it = 0; ; it++)
{
    if (it % EvalInterval == 0 || it == iters)
    {
        (trainLoss, valLoss) = (Estimate(train, evalRng), Estimate(val, evalRng));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {it}: train loss {trainLoss:F4}, val loss {valLoss:F4}, {wall.Elapsed.TotalSeconds:F1} s"));
    }
    if (it == iters) break;
    var rate = optimizer.LearningRate; // the step's own rate (the schedule moves it on inside Step), as nanoGPT prints
    var loss = Step();
    if (it % 100 == 0) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"iter {it}: loss {loss:F4}, lr {rate:G4}"));
}
var seconds = wall.Elapsed.TotalSeconds;
var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
var heldOut = HeldOut(val);
Console.WriteLine(JsonSerializer.Serialize(new
{
    peer = "grimoire", threads = CpuParallel.Threads, positions = positions.ToString().ToLowerInvariant(), iters, decay_iters = decayIters, seconds = Math.Round(seconds, 1),
    cpu_seconds = Math.Round(cpuSeconds, 1),
    train_loss_estimate = Math.Round(trainLoss, 4), val_loss_estimate = Math.Round(valLoss, 4), val_loss_all_windows = Math.Round(heldOut, 4),
    parameters = model.ParameterCount,
}));
