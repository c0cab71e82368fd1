using System.Reflection;
using System.Runtime.CompilerServices;
using Grimoire.Kernels;

namespace Grimoire.Ml.Kernels;

/// <summary>Compiles an estimator's kernels (<see cref="UsesKernelsAttribute"/>) before they are first called: the
/// lane-generic passes at the lane width this machine runs them at, which ReadyToRun images cannot hold for the widest
/// ISA, and the AggressiveOptimization loops, which ReadyToRun never precompiles. Without this a fresh process compiles
/// them in the middle of its first fit: 10-15 ms for a k-means fit whose arithmetic takes 2-5 ms. Methods marked
/// AggressiveInlining are skipped: they only ever run inlined.</summary>
internal static class KernelPreparation
{
    /// <summary>Compiles the kernels <paramref name="estimator"/> declares; returns how many methods that was.</summary>
    public static int For(Type estimator)
    {
        var (lanes, vector) = Lanes.TypesFor(IsaSupport.Widest());
        var prepared = 0;
        foreach (var kernel in estimator.GetCustomAttribute<UsesKernelsAttribute>(inherit: true)?.Kernels ?? [])
            foreach (var method in Methods(kernel))
            {
                RuntimeHelpers.PrepareMethod((method.IsGenericMethodDefinition ? method.MakeGenericMethod(lanes, vector) : method).MethodHandle);
                prepared++;
            }
        return prepared;
    }

    /// <summary>The methods of <paramref name="kernel"/> that the JIT would otherwise compile during a fit: its lane-generic
    /// static methods that are not always inlined, and its other AggressiveOptimization methods.</summary>
    public static IEnumerable<MethodInfo> Methods(Type kernel) =>
        kernel.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => IsLaneGeneric(m)
                ? !m.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveInlining)
                : !m.IsGenericMethodDefinition && m.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization));

    /// <summary>A method of the form M&lt;TL, TV&gt; where TL : ILanes&lt;TV&gt;.</summary>
    private static bool IsLaneGeneric(MethodInfo method) =>
        method.IsGenericMethodDefinition && method.GetGenericArguments() is [var lanes, _]
        && lanes.GetGenericParameterConstraints().Any(c => c.IsGenericType && c.GetGenericTypeDefinition() == typeof(ILanes<>));
}
