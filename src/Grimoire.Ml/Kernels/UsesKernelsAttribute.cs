namespace Grimoire.Ml.Kernels;

/// <summary>Names the kernel classes (passes generic over <see cref="ILanes{TV}"/>, or AggressiveOptimization loops) that
/// an estimator's fit runs, so that <see cref="KernelPreparation"/> can compile them before the first fit. Inherited by
/// subclasses.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
internal sealed class UsesKernelsAttribute(params Type[] kernels) : Attribute
{
    public IReadOnlyList<Type> Kernels { get; } = kernels;
}
