using System.Runtime.CompilerServices;
using Grimoire.Cpu.Gemm;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>Blocks of a convolution's unfolded input (im2col: one row per tap (c, i, j), one column per output pixel)
/// read straight from the image into a GEMM panel, and the adjoint, a block of unfolded gradient added back into its
/// pixels. Nothing larger than the block is materialised.
/// <para>The output pixels of a block are cut into chunks of one vector. <see cref="Prepare"/> works out, once per block,
/// each lane's output row and column and the chunk's segments: runs of lanes whose pixels are consecutive in memory for
/// every tap (one output row, or several when the image's phase rows are as wide as the output, as in a "same"
/// convolution), with each segment's row and column offsets per tap row i and tap column j. Packing a tap is then, per
/// chunk, one masked load per segment: the mask keeps the lanes whose pixel lies inside the image (the rest, the zero
/// padding, read as zero without their addresses being touched).</para></summary>
internal static unsafe class ColumnPacker<TL, TV> where TL : IConvLanes<TV> where TV : struct
{
    /// <summary>The per-chunk tables of one block of pixels, in this thread's lane scratch: an offset per chunk, then per
    /// chunk its lane rows (oy·s − p), columns (ox·s − p) and validity (pixel inside the output), its segment count and
    /// per segment its lane mask and row and column offsets (each less the segment's first lane).</summary>
    public readonly struct PixelTable(int* data, int chunks)
    {
        public readonly int* Data = data;
        public readonly int Chunks = chunks;
    }

    /// <summary>Tables for output pixels [pixel0, pixel0 + lanes) of <paramref name="g"/>; lanes a multiple of the width,
    /// lanes past the last pixel packed as zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PixelTable Prepare(UnfoldGeometry g, in ImageLayout image, int pixel0, int lanes)
    {
        var v = TL.Count;
        var chunks = lanes / v;
        var perSegment = v + g.KernelHeight + g.KernelWidth;
        var size = chunks + ((long)chunks * ((3 * v) + 1)) + ((long)(lanes + chunks) * perSegment);
        var data = (int*)PackBuffer.ForLanes((nint)size);
        var at = chunks;
        var merged = image.PhaseWidth == g.OutWidth;
        for (var k = 0; k < chunks; k++)
        {
            data[k] = at;
            int* rows = data + at, cols = rows + v, valid = cols + v;
            var first = pixel0 + (k * v);
            for (var lane = 0; lane < v; lane++)
            {
                var p = first + lane;
                var inside = p < g.Columns;
                var (oy, ox) = inside ? Math.DivRem(p, g.OutWidth) : (0, 0);
                rows[lane] = (oy * g.Stride) - g.Padding;
                cols[lane] = (ox * g.Stride) - g.Padding;
                valid[lane] = inside ? -1 : 0;
            }
            var count = valid + v;
            *count = 0;
            var segment = count + 1;
            for (var lane = 0; lane < v && first + lane < g.Columns;)
            {
                var end = lane + 1;
                while (end < v && first + end < g.Columns && (merged || (first + end) % g.OutWidth != 0)) end++;
                for (var l = 0; l < v; l++) segment[l] = l >= lane && l < end ? -1 : 0;
                for (var i = 0; i < g.KernelHeight; i++) segment[v + i] = image.RowOffset(rows[lane] + (i * g.Dilation)) - lane;
                for (var j = 0; j < g.KernelWidth; j++) segment[v + g.KernelHeight + j] = image.ColumnOffset(cols[lane] + (j * g.Dilation));
                (*count)++;
                segment += perSegment;
                lane = end;
            }
            at = (int)(segment - data);
        }
        return new PixelTable(data, chunks);
    }

    /// <summary>Writes taps [tap0, tap0 + taps) (tap t = (c, i, j) of channel c counted from the image's first) for chunks
    /// [chunk0, chunk0 + chunks) of the table: row r at dst + r·ld, one vector per chunk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(UnfoldGeometry g, in ImageLayout image, in PixelTable table, int chunk0, int chunks, int tap0, int taps, float* dst, nint ld)
    {
        var (kh, kw, v) = (g.KernelHeight, g.KernelWidth, TL.Count);
        var perSegment = v + kh + kw;
        var kernel = kh * kw;
        var (c, i, j) = (tap0 / kernel, tap0 % kernel / kw, tap0 % kw);
        for (var r = 0; r < taps; r++, dst += ld)
        {
            var channel = image.Pixels + ((long)c * image.ChannelStride);
            var (dy, dx) = (i * g.Dilation, j * g.Dilation);
            for (var k = 0; k < chunks; k++)
            {
                var chunk = table.Data + table.Data[chunk0 + k];
                var inside = TL.Inside(TL.LoadInts(chunk), TL.LoadInts(chunk + v), dy, dx, g.Height, g.Width, TL.LoadInts(chunk + (2 * v)));
                var count = chunk[3 * v];
                var segment = chunk + (3 * v) + 1;
                TV value;
                if (count == 1) value = TL.MaskLoad(channel + segment[v + i] + segment[v + kh + j], inside);
                else
                {
                    value = TL.Zero;
                    for (var s = 0; s < count; s++, segment += perSegment)
                        value = TL.Or(value, TL.MaskLoad(channel + segment[v + i] + segment[v + kh + j], TL.And(inside, TL.LoadInts(segment))));
                }
                TL.Store(dst + (k * v), value);
            }
            if (++j < kw) continue;
            j = 0;
            if (++i < kh) continue;
            (i, c) = (0, c + 1);
        }
    }

    /// <summary>The adjoint of <see cref="Pack"/>: adds rows [0, taps) of <paramref name="src"/> (row r at src + r·ld, tap
    /// tap0 + r) into the pixels they were read from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddBack(UnfoldGeometry g, in ImageLayout image, in PixelTable table, int tap0, int taps, float* src, nint ld)
    {
        var (kh, kw, v) = (g.KernelHeight, g.KernelWidth, TL.Count);
        var perSegment = v + kh + kw;
        var kernel = kh * kw;
        var (c, i, j) = (tap0 / kernel, tap0 % kernel / kw, tap0 % kw);
        for (var r = 0; r < taps; r++, src += ld)
        {
            var channel = image.Pixels + ((long)c * image.ChannelStride);
            var (dy, dx) = (i * g.Dilation, j * g.Dilation);
            for (var k = 0; k < table.Chunks; k++)
            {
                var chunk = table.Data + table.Data[k];
                var inside = TL.Inside(TL.LoadInts(chunk), TL.LoadInts(chunk + v), dy, dx, g.Height, g.Width, TL.LoadInts(chunk + (2 * v)));
                if (!TL.Any(inside)) continue;
                var value = TL.Load(src + (k * v));
                var count = chunk[3 * v];
                var segment = chunk + (3 * v) + 1;
                for (var s = 0; s < count; s++, segment += perSegment)
                {
                    var mask = count == 1 ? inside : TL.And(inside, TL.LoadInts(segment));
                    var at = channel + segment[v + i] + segment[v + kh + j];
                    TL.MaskStore(at, mask, TL.Add(TL.MaskLoad(at, mask), value));
                }
            }
            if (++j < kw) continue;
            j = 0;
            if (++i < kh) continue;
            (i, c) = (0, c + 1);
        }
    }
}
