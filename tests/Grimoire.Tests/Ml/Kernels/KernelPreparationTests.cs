using System.Reflection;
using Grimoire.Ml.Kernels;
using Grimoire.Ml.Models;

namespace Grimoire.Tests.Ml.Kernels;

/// <summary>What <see cref="KernelPreparation"/> compiles ahead of a first fit: the estimators' <see cref="UsesKernelsAttribute"/>
/// lists must name kernel classes with something to compile, and every such kernel class must be named by some
/// estimator, or a fresh process would JIT it in the middle of a fit.</summary>
public sealed class KernelPreparationTests
{
    private static readonly Assembly Ml = typeof(KernelPreparation).Assembly;

    private static IEnumerable<Type> Estimators() =>
        Ml.GetTypes().Where(t => !t.IsAbstract && t.GetCustomAttribute<UsesKernelsAttribute>(inherit: true) is not null);

    [Test]
    public void EveryCatalogueModelPreparesWithoutError()
    {
        foreach (var plugin in ModelCatalogue.All) Assert.DoesNotThrow(plugin.PrepareKernels, plugin.Name);
    }

    [TestCaseSource(nameof(Estimators))]
    public void EachDeclaredKernelHasMethodsToPrepare(Type estimator)
    {
        foreach (var kernel in estimator.GetCustomAttribute<UsesKernelsAttribute>(inherit: true)!.Kernels)
            Assert.That(KernelPreparation.Methods(kernel).Count(), Is.GreaterThan(0), $"{estimator.Name} names {kernel.Name}, which has nothing to compile");
        Assert.That(KernelPreparation.For(estimator), Is.GreaterThan(0));
    }

    [Test]
    public void EveryKernelWithMethodsToCompileIsNamedByAnEstimator()
    {
        var named = Estimators().SelectMany(e => e.GetCustomAttribute<UsesKernelsAttribute>(inherit: true)!.Kernels).ToHashSet();
        var kernels = Ml.GetTypes().Where(t => t.Namespace == typeof(KernelPreparation).Namespace && KernelPreparation.Methods(t).Any());
        Assert.That(kernels, Is.SubsetOf(named), "a kernel class no estimator's [UsesKernels] names is compiled in the middle of its first fit");
    }

    [Test]
    public void KMeansCompilesItsAssignmentPass()
    {
        var names = KernelPreparation.Methods(typeof(NearestCenters)).Select(m => m.Name).ToList();
        Assert.That(names, Does.Contain("Rows").And.Contain("Run"));
        Assert.That(names, Does.Not.Contain("Closer"), "AggressiveInlining helpers only run inlined");
        Assert.That(KernelPreparation.Methods(typeof(CentredColumns)).Select(m => m.Name), Does.Contain("Rows"), "a non-generic AggressiveOptimization loop");
    }
}
