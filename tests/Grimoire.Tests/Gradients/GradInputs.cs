using FsCheck;
using Grimoire.Tests.Support;

namespace Grimoire.Tests.Gradients;

/// <summary>Inputs of gradient checks: any layout but broadcast. Finite differences move one element at a time,
/// which a stride-0 axis cannot hold, and its repeated values would tie the elements max and pooling must tell apart.</summary>
public static class GradInputs
{
    public static Gen<TensorSpec> Tensor(Shape shape, DType dtype, double low = -3, double high = 3) =>
        Gens.Tensor(shape, dtype, low, high, broadcast: false);

    public static Gen<TensorSpec> AwayFromZero(Shape shape, DType dtype, double gap = 0.3, double high = 3) =>
        Gens.AwayFromZero(shape, dtype, gap, high, broadcast: false);
}
