using System.Runtime.CompilerServices;
using Grimoire.Ops;

namespace Grimoire.Cpu.Kernels;

/// <summary>The pooling geometry as plain fields the JIT keeps in registers (reading it from the attribute record inside
/// the pooling loops took 1.7x as long), and each window's span clipped to the image, so the inner loops carry no
/// padding tests.</summary>
internal readonly struct PoolWindows(UnfoldGeometry g)
{
    public readonly int Height = g.Height, Width = g.Width, OutHeight = g.OutHeight, OutWidth = g.OutWidth, Size = g.KernelHeight;
    private readonly int _stride = g.Stride, _padding = g.Padding;

    public (int Start, int End) Rows(int oy) => Clip(oy * _stride - _padding, Height);

    public (int Start, int End) Columns(int ox) => Clip(ox * _stride - _padding, Width);

    private (int, int) Clip(int start, int extent) => (Math.Max(0, start), Math.Min(extent, start + Size));

    /// <summary>Runs body(plane, windows) for every (image, channel) plane, planes in parallel.</summary>
    public static void ForEachPlane(UnfoldGeometry g, Action<int, PoolWindows> body)
    {
        var windows = new PoolWindows(g);
        CpuParallel.For(g.Batch * g.Channels, CpuParallel.MinItemsPerChunk(g.Height * g.Width), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (p0, p1) =>
        {
            for (var p = p0; p < p1; p++) body(p, windows);
        });
    }
}
