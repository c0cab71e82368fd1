using Grimoire;
using Grimoire.Kernels;
using Grimoire.Nn.Layers;
using Grimoire.Nn.Optimizers;

// Fits y = 2x - 1 with one dense layer; prints the kernel dispatch chose for it and the losses, and fails unless the
// loss fell: enough to show the CPU kernels were found with no registration call.
var rng = new Rng(3);
var layer = new Linear(1, 1, rng: rng);
using var optimizer = new Sgd(layer.Parameters(), 0.1);
var x = Tensor.RandU(new Shape(32, 1), -1, 1, rng);
var y = x * 2 - 1;
double first = double.NaN, last = double.NaN;
for (var step = 0; step < 50; step++)
{
    using var scope = new TensorScope();
    optimizer.ZeroGrad();
    var loss = layer.Forward(x).Mse(y);
    loss.Backward();
    optimizer.Step();
    last = loss.Item();
    if (step == 0) first = last;
}
Console.WriteLine($"linear kernel: {KernelRegistry.Resolve("linear", Device.Cpu, DType.Float32).Info.Variant}");
Console.WriteLine($"loss: {first:G4} -> {last:G4}");
return last < first / 10 ? 0 : 1;
