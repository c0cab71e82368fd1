using Grimoire;
using Grimoire.Diagnostics;
using Grimoire.Kernels;
using Grimoire.Ml.Data;
using Grimoire.Ml.Models;
using Grimoire.Native;
using Grimoire.Nn;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;

// Uses GrimoireEngine from its packages: trains an MLP on XOR, fits ridge regression, and runs matmul on kernels
// forced by name, among them the native one, whose libgrimblas.so comes from the Grimoire.Native package.
// Exits non-zero when a step does not do what it should.
var failures = new List<string>();

// 1. A 2-8-1 MLP (tanh hidden layer) learns XOR.
var rng = new Rng(0);
var mlp = new Sequential(new Linear(2, 8, Activation.Tanh, rng), new Linear(8, 1, Activation.None, rng));
using var optimizer = new Adam(mlp.Parameters(), learningRate: 0.05);
using var x = Tensor.FromArray(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, new Shape(4, 2));
using var y = Tensor.FromArray(new float[] { 0, 1, 1, 0 }, new Shape(4, 1));
double firstLoss = double.NaN, lastLoss = double.NaN;
for (var step = 0; step < 300; step++)
{
    using var scope = new TensorScope();
    optimizer.ZeroGrad();
    var loss = Losses.BinaryCrossEntropyWithLogits(mlp.Forward(x), y);
    loss.Backward();
    optimizer.Step();
    lastLoss = loss.Item();
    if (step == 0) firstLoss = lastLoss;
}
float[] logits;
using (new TensorScope()) logits = mlp.Forward(x).ToArray<float>();
var correct = logits.Zip(new[] { 0, 1, 1, 0 }).Count(p => (p.First > 0 ? 1 : 0) == p.Second);
Console.WriteLine($"mlp: xor loss {firstLoss:F4} -> {lastLoss:F4}, {correct}/4 right");
if (correct != 4) failures.Add("the MLP did not learn XOR");

// 2. Ridge regression through the model catalogue, on generated data y = X·w + 3 + noise.
using (var data = Generators.Generate("linear:n=200,d=3,noise=0.1,seed=0"))
{
    var ridge = ModelCatalogue.Find("ridge").Fit(data, new ModelSettings(["alpha=0.5"]));
    var predicted = ridge.Predict(data.X).Values;
    var actual = data.Y!.ToDoubleArray();
    var mean = actual.Average();
    var r2 = 1 - actual.Zip(predicted).Sum(p => (p.First - p.Second) * (p.First - p.Second)) / actual.Sum(v => (v - mean) * (v - mean));
    Console.WriteLine($"ridge: alpha=0.5 on {data.Rows} rows x {data.Features.Count} features, train R^2 {r2:F4}");
    if (r2 < 0.95) failures.Add($"ridge fit poorly (R^2 {r2:F4})");
}

// 3. Forced kernels: the profile records the variant that actually ran.
KernelRegistry.AddProvider<NativeKernelProvider>();
foreach (var line in NativeInfo.Describe().Take(1)) Console.WriteLine(line);
using var a = Tensor.RandN(new Shape(64, 32), rng: rng);
using var b = Tensor.RandN(new Shape(32, 16), rng: rng);
float[]? expected = null;
foreach (var variant in new[] { KernelRegistry.ReferenceVariant, "avx2", NativeKernelProvider.Backend })
{
    using var forced = KernelRegistry.Force("matmul", variant);
    using var profile = OpProfile.Start();
    float[] product;
    using (new TensorScope()) product = a.MatMul(b).ToArray<float>();
    var ran = profile.Entries.Single(e => e.Op == "matmul").Variant;
    expected ??= product;
    var maxError = product.Zip(expected).Max(p => Math.Abs(p.First - p.Second));
    Console.WriteLine($"matmul forced {variant}: ran {ran}, max |difference| from reference {maxError:G3}");
    if (ran != variant) failures.Add($"forced matmul '{variant}' ran '{ran}'");
    if (maxError > 1e-3) failures.Add($"matmul '{variant}' differs from the reference by {maxError}");
}

foreach (var failure in failures) Console.Error.WriteLine($"FAILED: {failure}");
Console.WriteLine(failures.Count == 0 ? "package sample: ok" : "package sample: failed");
return failures.Count == 0 ? 0 : 1;
