using System.Runtime.CompilerServices;
using Grimoire.Cpu.Gemm;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>A copy of one image's channels with the zero padding written out and, for a stride s &gt; 1, split into its
/// s·s stride phases (padded pixel (Y, X) goes to phase (Y mod s, X mod s), row Y div s, column X div s). Tap (c, i, j)
/// then sees output pixel (oy, ox) at <see cref="TapOffset"/> + oy·<see cref="PhaseWidth"/> + ox: one output row's pixels
/// are consecutive and no address needs a mask, so a kernel can broadcast them in place (the weight gradient's
/// <see cref="IWeightGradientKernel"/>) instead of packing im2col rows. The padding is written once per buffer: the
/// copies of later images only overwrite the interior.</summary>
internal readonly unsafe struct PaddedPhases
{
    public readonly float* Pixels;

    /// <summary>Columns of a phase row: ⌈(width + 2p) / s⌉.</summary>
    public readonly int PhaseWidth;

    /// <summary>Elements of one phase.</summary>
    public readonly int PhasePlane;

    /// <summary>Elements between channels: s²·<see cref="PhasePlane"/>.</summary>
    public readonly int ChannelStride;

    private readonly UnfoldGeometry _g;

    private PaddedPhases(float* pixels, UnfoldGeometry g, int phaseWidth, int phasePlane, int channelStride)
    {
        Pixels = pixels;
        (_g, PhaseWidth, PhasePlane, ChannelStride) = (g, phaseWidth, phasePlane, channelStride);
    }

    /// <summary>Floats of <paramref name="channels"/> padded channels of <paramref name="g"/>'s images.</summary>
    public static long FloatsFor(UnfoldGeometry g, int channels)
    {
        var s = g.Stride;
        var (phaseHeight, phaseWidth) = ((g.Height + (2L * g.Padding) + s - 1) / s, (g.Width + (2L * g.Padding) + s - 1) / s);
        return (long)channels * s * s * phaseHeight * phaseWidth;
    }

    /// <summary>Whether a padded image of <paramref name="channels"/> channels, followed by <paramref name="slack"/> floats,
    /// has offsets that fit an int: the kernels that read padded images run only then.</summary>
    public static bool Fits(UnfoldGeometry g, int channels, int slack = 0) => FloatsFor(g, channels) + slack <= int.MaxValue;

    /// <summary>The layout of <paramref name="g"/>'s padded images without a buffer: its offsets only.</summary>
    public static PaddedPhases Describe(UnfoldGeometry g) => At(null, g);

    /// <summary><paramref name="copies"/> layouts of <paramref name="channels"/> channels each (<see cref="FloatsFor"/>
    /// apart) in this thread's image scratch, their padding zeroed, then <paramref name="slack"/> zero floats that vector
    /// loads running past the last pixel may read; the offsets must fit an int.</summary>
    public static PaddedPhases Zeroed(UnfoldGeometry g, int channels, int copies, int slack = 0)
    {
        var floats = FloatsFor(g, channels);
        if (!Fits(g, channels)) throw new ArgumentOutOfRangeException(nameof(channels), floats, "a padded image's offsets must fit an int");
        var total = checked((int)((floats * copies) + slack));
        var pixels = PackBuffer.ForImage(total);
        new Span<float>(pixels, total).Clear();
        return At(pixels, g);
    }

    private static PaddedPhases At(float* pixels, UnfoldGeometry g)
    {
        var s = g.Stride;
        var phaseWidth = (g.Width + (2 * g.Padding) + s - 1) / s;
        var phasePlane = (g.Height + (2 * g.Padding) + s - 1) / s * phaseWidth;
        return new PaddedPhases(pixels, g, phaseWidth, phasePlane, s * s * phasePlane);
    }

    /// <summary>Writes <see cref="TapOffset"/> of every tap of <paramref name="channels"/> channels into
    /// <paramref name="into"/>, in the weights' order (channel, kernel row, kernel column).</summary>
    public void WriteTapOffsets(int* into, int channels)
    {
        for (var (t, c) = (0, 0); c < channels; c++)
        for (var i = 0; i < _g.KernelHeight; i++)
        for (var j = 0; j < _g.KernelWidth; j++)
            into[t++] = TapOffset(c, i, j);
    }

    /// <summary>Where tap (c, i, j) sees output pixel (0, 0).</summary>
    public int TapOffset(int c, int i, int j)
    {
        var (s, d) = (_g.Stride, _g.Dilation);
        var (y, x) = (i * d, j * d);
        return (c * ChannelStride) + ((((y % s) * s) + (x % s)) * PhasePlane) + (y / s * PhaseWidth) + (x / s);
    }

    /// <summary>Copies <paramref name="channels"/> NCHW channels at <paramref name="x"/> into the interior of copy
    /// <paramref name="copy"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CopyFrom(float* x, int channels, int copy)
    {
        var (s, p, height, width) = (_g.Stride, _g.Padding, _g.Height, _g.Width);
        var pixels = Pixels + (copy * (long)channels * ChannelStride);
        for (var c = 0; c < channels; c++)
        for (var iy = 0; iy < height; iy++, x += width)
        {
            var y = iy + p;
            var row = pixels + ((long)c * ChannelStride) + ((y % s) * s * (long)PhasePlane) + (y / s * (long)PhaseWidth);
            if (s == 1)
            {
                Buffer.MemoryCopy(x, row + p, (long)width * sizeof(float), (long)width * sizeof(float));
                continue;
            }
            var k = 0;
            if (s == 2)
            {
                // From the first column whose padded x is even, pairs split into the even phase and the odd one, both
                // from phase column (first + p) / 2 on, 8 pairs at a time; the last 8 pairs overlap the ones before
                // (rewriting the same values) rather than leave up to 7 pairs to the scalar loop.
                var first = p % 2;
                var even = row + ((first + p) / 2);
                var odd = even + PhasePlane;
                var pairs = (width - first) / 2;
                if (pairs >= 8)
                {
                    for (; k + 8 <= pairs; k += 8) ConvLanes256.Deinterleave(x + first + (2 * k), even + k, odd + k);
                    if (k < pairs) ConvLanes256.Deinterleave(x + first + (2 * (pairs - 8)), even + pairs - 8, odd + pairs - 8);
                    k = pairs;
                }
                if (first == 1) row[(p % 2 * (long)PhasePlane) + (p / 2)] = x[0];
                k = first + (2 * k);
            }
            // Columns from k on, every s-th at a time: column ix goes to phase (ix + p) mod s at column (ix + p) div s.
            for (var start = k; start < k + s && start < width; start++)
            {
                var to = row + ((start + p) % s * (long)PhasePlane) + ((start + p) / s);
                for (var ix = start; ix < width; ix += s, to++) *to = x[ix];
            }
        }
    }
}
