using System.Runtime.CompilerServices;

namespace Grimoire.Cpu.Convolution;

/// <summary>Where a convolution's packers find pixel (iy, ix) of a channel of one image. Stride 1 reads the NCHW rows in
/// place. A stride s &gt; 1 first splits each channel into its s·s stride phases (pixel (iy, ix) goes to phase
/// (iy mod s, ix mod s), at row iy div s, column ix div s), so the pixels one tap sees for consecutive output pixels are
/// consecutive in memory and the packers load them as whole vectors (a space-to-depth copy of the image, once per image,
/// where reading every s-th pixel would cost a gather per tap).</summary>
internal readonly unsafe struct ImageLayout
{
    /// <summary>Channel 0's first phase.</summary>
    public readonly float* Pixels;

    /// <summary>The convolution's stride s (1: plain rows).</summary>
    public readonly int Stride;

    /// <summary>Columns of a phase row: ⌈width / s⌉ (the width itself for stride 1).</summary>
    public readonly int PhaseWidth;

    /// <summary>Elements of one phase: ⌈height / s⌉·⌈width / s⌉.</summary>
    public readonly int PhasePlane;

    /// <summary>Elements between channels: s²·<see cref="PhasePlane"/>.</summary>
    public readonly int ChannelStride;

    public ImageLayout(float* pixels, int height, int width, int stride)
    {
        var (phaseHeight, phaseWidth) = ((height + stride - 1) / stride, (width + stride - 1) / stride);
        Pixels = pixels;
        Stride = stride;
        PhaseWidth = phaseWidth;
        // Offsets inside a channel are ints: a phase split of an image near int.MaxValue pixels would not fit, so it fails here.
        PhasePlane = checked(phaseHeight * phaseWidth);
        ChannelStride = checked(stride * stride * PhasePlane);
    }

    /// <summary>Floats a split image of <paramref name="channels"/> channels needs.</summary>
    public static long FloatsFor(int channels, int height, int width, int stride) =>
        (long)channels * stride * stride * ((height + stride - 1) / stride) * ((width + stride - 1) / stride);

    /// <summary>Offset of row <paramref name="iy"/> inside a channel; rows outside the image (the zero padding) get an
    /// address too, which is never read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RowOffset(int iy) => Stride == 1 ? iy * PhaseWidth : (FloorMod(iy) * Stride * PhasePlane) + (FloorDiv(iy) * PhaseWidth);

    /// <summary>Offset of column <paramref name="ix"/> inside a row, likewise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ColumnOffset(int ix) => Stride == 1 ? ix : (FloorMod(ix) * PhasePlane) + FloorDiv(ix);

    private int FloorDiv(int a) => a >= 0 ? a / Stride : -((-a + Stride - 1) / Stride);

    private int FloorMod(int a) => a - (FloorDiv(a) * Stride);
}
