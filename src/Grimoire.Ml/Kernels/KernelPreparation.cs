using System.Reflection;
using System.Runtime.CompilerServices;
using Grimoire.Kernels;

namespace Grimoire.Ml.Kernels;

/// <summary>Compiles an estimator's kernels (<see cref="UsesKernelsAttribute"/>) at the lane width this machine runs
/// them at, before they are first called. ReadyToRun images cannot hold these lane-generic passes for the widest ISA,
/// so without this a fresh process compiles them in the middle of its first fit: 10-15 ms for a k-means fit whose
/// arithmetic takes 2-5 ms. Methods marked AggressiveInlining are skipped: they only ever run inlined.</summary>
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
                RuntimeHelpers.PrepareMethod(method.MakeGenericMethod(lanes, vector).MethodHandle);
                prepared++;
            }
        return prepared;
    }

    /// <summary>The methods of <paramref name="kernel"/> that a fit calls as compiled code of their own: its lane-generic
    /// static methods, less those that are always inlined.</summary>
    public static IEnumerable<MethodInfo> Methods(Type kernel) =>
        kernel.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => IsLaneGeneric(m) && !m.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveInlining));

    /// <summary>A method of the form M&lt;TL, TV&gt; where TL : ILanes&lt;TV&gt;.</summary>
    private static bool IsLaneGeneric(MethodInfo method) =>
        method.IsGenericMethodDefinition && method.GetGenericArguments() is [var lanes, _]
        && lanes.GetGenericParameterConstraints().Any(c => c.IsGenericType && c.GetGenericTypeDefinition() == typeof(ILanes<>));
}
