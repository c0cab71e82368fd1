using System.Runtime.CompilerServices;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>The input gradient of a stride-1 "same" convolution with a square kernel is itself one: dx = dy ⊛ w′, padded as
/// the layer (d·(k − 1) − p = p), whose weights swap each group's input and output channels and turn the kernel by 180°:
/// w′[g·c + ci, o, i, j] = w[g·m + o, ci, k − 1 − i, k − 1 − j]. Run by the forward pass's direct kernel this needs neither
/// the column-gradient tile nor its add-back.</summary>
internal static unsafe class FlippedConvolution
{
    /// <summary>The convolution whose forward pass is <paramref name="a"/>'s input gradient, or null if there is none of this form.</summary>
    public static ConvAttributes? Of(ConvAttributes a)
    {
        var g = a.Window;
        if (g.Stride != 1 || g.KernelHeight != g.KernelWidth || g.OutHeight != g.Height || g.OutWidth != g.Width) return null;
        var window = new UnfoldGeometry(g.Batch, a.OutChannels, g.Height, g.Width, g.KernelHeight, g.KernelWidth, 1, g.Padding, g.Dilation);
        return new ConvAttributes(window, g.Channels, a.Groups);
    }

    /// <summary>Writes w′ ([groups·c, m, k, k]) for the weights <paramref name="w"/> ([groups·m, c, k, k]) of <paramref name="a"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Weights(ConvAttributes a, float* w, float* flipped)
    {
        var (m, c, positions) = (a.OutPerGroup, a.InPerGroup, a.Window.KernelHeight * a.Window.KernelWidth);
        for (var gi = 0; gi < a.Groups; gi++)
        for (var o = 0; o < m; o++)
        for (var ci = 0; ci < c; ci++)
        {
            var from = w + ((((long)gi * m) + o) * c + ci) * positions;
            var to = flipped + ((((long)gi * c) + ci) * m + o) * positions;
            // Turning the kernel by 180° reverses its positions in row-major order.
            for (var p = 0; p < positions; p++) to[positions - 1 - p] = from[p];
        }
    }
}
