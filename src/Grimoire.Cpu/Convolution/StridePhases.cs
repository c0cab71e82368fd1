using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Grimoire.Cpu.Gemm;

namespace Grimoire.Cpu.Convolution;

/// <summary>Moves NCHW images into and out of the stride-phase layout of <see cref="ImageLayout"/>: stride 2 with the
/// width's even/odd shuffles, larger strides element by element.</summary>
internal static unsafe class StridePhases<TL, TV> where TL : IConvLanes<TV> where TV : struct
{
    // How far ahead Split prefetches the rows it reads.
    private const int RowsAhead = 8;

    /// <summary>The layout of <paramref name="channels"/> channels of <paramref name="x"/> (height x width each) for
    /// <paramref name="stride"/>: the image itself for stride 1, else its phases copied into this thread's image scratch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ImageLayout Split(float* x, int channels, int height, int width, int stride)
    {
        if (stride == 1) return new ImageLayout(x, height, width, 1);
        var layout = new ImageLayout(PackBuffer.ForImage((nint)ImageLayout.FloatsFor(channels, height, width, stride)), height, width, stride);
        // The NCHW rows in memory order, fetched a few rows ahead (the image comes from L3 or memory: the copy waited on it
        // for a fifth of the stride-2 vision layer's forward); row iy goes to row iy div s of row phase iy mod s, counted
        // along without RowOffset's two divisions per row.
        var phases = (long)stride * layout.PhasePlane;
        for (var c = 0; c < channels; c++)
        {
            var phaseRow = layout.Pixels + ((long)c * layout.ChannelStride);
            for (var (iy, phase) = (0, 0L); iy < height; iy++, x += width)
            {
                for (var ahead = 0; ahead < width; ahead += 16) Sse.Prefetch0(x + (RowsAhead * width) + ahead);
                SplitRow(x, phaseRow + (phase * phases), width, layout);
                if (++phase < stride) continue;
                phase = 0;
                phaseRow += layout.PhaseWidth;
            }
        }
        return layout;
    }

    /// <summary>Writes the phases of <paramref name="layout"/> (channels of height x width) back as NCHW rows at <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Merge(in ImageLayout layout, int channels, int height, int width, float* x)
    {
        var phases = (long)layout.Stride * layout.PhasePlane;
        for (var c = 0; c < channels; c++)
        {
            var phaseRow = layout.Pixels + ((long)c * layout.ChannelStride);
            for (var (iy, phase) = (0, 0L); iy < height; iy++, x += width)
            {
                MergeRow(phaseRow + (phase * phases), x, width, layout);
                if (++phase < layout.Stride) continue;
                phase = 0;
                phaseRow += layout.PhaseWidth;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SplitRow(float* row, float* phaseRow, int width, in ImageLayout layout)
    {
        var (s, plane) = (layout.Stride, layout.PhasePlane);
        var k = 0;
        if (s == 2)
        {
            for (; 2 * (k + TL.Count) <= width; k += TL.Count) TL.Deinterleave(row + (2 * k), phaseRow + k, phaseRow + plane + k);
        }
        // The rest (all of a row narrower than two vectors) phase by phase, without a division per pixel.
        for (var phase = 0; phase < s; phase++)
        {
            var to = phaseRow + ((long)phase * plane);
            for (var ix = (k * s) + phase; ix < width; ix += s) to[ix / s] = row[ix];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MergeRow(float* phaseRow, float* row, int width, in ImageLayout layout)
    {
        var (s, plane) = (layout.Stride, layout.PhasePlane);
        var k = 0;
        if (s == 2)
        {
            for (; 2 * (k + TL.Count) <= width; k += TL.Count) TL.Interleave(phaseRow + k, phaseRow + plane + k, row + (2 * k));
        }
        for (var phase = 0; phase < s; phase++)
        {
            var from = phaseRow + ((long)phase * plane);
            for (var ix = (k * s) + phase; ix < width; ix += s) row[ix] = from[ix / s];
        }
    }
}
