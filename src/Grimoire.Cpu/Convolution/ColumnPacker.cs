using System.Runtime.CompilerServices;
using Grimoire.Cpu.Gemm;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>Blocks of a convolution's unfolded input (im2col: one row per tap (c, i, j), one column per output pixel)
/// read straight from the image into a GEMM panel, and the adjoint, a block of unfolded gradient added back into its
/// pixels. Nothing larger than the block is materialised.
/// <para>The output pixels of a block are cut into chunks of one vector, and each chunk into segments: runs of lanes whose
/// pixels are consecutive in memory for every tap (one output row, or several when the image's phase rows are as wide as
/// the output, as in a "same" convolution). <see cref="Prepare"/> works out once per block, for every kernel position
/// (i, j) and chunk, each segment's lane mask (lanes whose pixel lies inside the image; the rest are the zero padding) and
/// its offset inside a channel. Those depend on the kernel position but not on the channel, so the packers hold one
/// position's masks and offsets in registers and sweep the channels: each row of a chunk is then one masked load (per
/// segment) and one store, masked-off lanes reading as zero without their addresses being touched.</para></summary>
internal static unsafe class ColumnPacker<TL, TV> where TL : IConvLanes<TV> where TV : struct
{
    /// <summary>One block's table, in this thread's lane scratch: per kernel position (i, j) and chunk, a record of
    /// <c>Record</c> ints: the segment count, then per segment its lane mask and its offset inside a channel.</summary>
    public readonly struct PixelTable(int* positions, int chunks, int record)
    {
        public readonly int* Positions = positions;
        public readonly int Chunks = chunks;
        public readonly int Record = record;

        public int* At(int position, int chunk) => Positions + ((((long)position * Chunks) + chunk) * Record);
    }

    /// <summary>The table for output pixels [pixel0, pixel0 + lanes) of <paramref name="g"/>; lanes a multiple of the
    /// width, lanes past the last pixel packed as zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PixelTable Prepare(UnfoldGeometry g, in ImageLayout image, int pixel0, int lanes)
    {
        var v = TL.Count;
        var chunks = lanes / v;
        var (kh, kw, stride, padding, dilation, width, pixels) = (g.KernelHeight, g.KernelWidth, g.Stride, g.Padding, g.Dilation, g.OutWidth, g.Columns);
        var merged = image.PhaseWidth == width;
        var most = 1;
        for (var k = 0; k < chunks && !merged; k++)
        {
            var (first, last) = (pixel0 + (k * v), Math.Min(pixels, pixel0 + ((k + 1) * v)) - 1);
            if (last >= first) most = Math.Max(most, (last / width) - (first / width) + 1);
        }
        var record = 1 + (most * (v + 1));
        // Per lane: output row and column as input coordinates (oy·s − p, ox·s − p) and whether it is a pixel; per chunk
        // its segments' first and end lanes; then the positions' records.
        var laneInts = (3 * lanes) + (chunks * (1 + (2 * most)));
        var table = (int*)PackBuffer.ForLanes((nint)(laneInts + ((long)kh * kw * chunks * record)));
        int* rows = table, cols = rows + lanes, valid = cols + lanes, segments = valid + lanes;
        for (var lane = 0; lane < lanes; lane++)
        {
            var p = pixel0 + lane;
            var (oy, ox) = p < pixels ? Math.DivRem(p, width) : (0, 0);
            rows[lane] = (oy * stride) - padding;
            cols[lane] = (ox * stride) - padding;
            valid[lane] = p < pixels ? -1 : 0;
        }
        for (var k = 0; k < chunks; k++)
        {
            var chunk = segments + (k * (1 + (2 * most)));
            var (lane, count) = (0, 0);
            while (lane < v && pixel0 + (k * v) + lane < pixels)
            {
                var end = lane + 1;
                while (end < v && pixel0 + (k * v) + end < pixels && (merged || (pixel0 + (k * v) + end) % width != 0)) end++;
                chunk[1 + (2 * count)] = lane;
                chunk[2 + (2 * count)] = end;
                (lane, count) = (end, count + 1);
            }
            chunk[0] = count;
        }
        var positions = table + laneInts;
        var at = positions;
        for (var i = 0; i < kh; i++)
        for (var j = 0; j < kw; j++)
        for (var k = 0; k < chunks; k++, at += record)
        {
            var lane0 = k * v;
            var inside = TL.Inside(TL.LoadInts(rows + lane0), TL.LoadInts(cols + lane0), i * dilation, j * dilation, g.Height, g.Width, TL.LoadInts(valid + lane0));
            var chunk = segments + (k * (1 + (2 * most)));
            var count = 0;
            for (var s = 0; s < chunk[0]; s++)
            {
                var (first, end) = (chunk[1 + (2 * s)], chunk[2 + (2 * s)]);
                var mask = chunk[0] == 1 ? inside : TL.And(inside, TL.Lanes(first, end));
                if (!TL.Any(mask)) continue;
                var entry = at + 1 + (count * (v + 1));
                TL.Store((float*)entry, mask);
                entry[v] = image.RowOffset(rows[lane0 + first] + (i * dilation)) + image.ColumnOffset(cols[lane0 + first] + (j * dilation)) - first;
                count++;
            }
            *at = count;
        }
        return new PixelTable(positions, chunks, record);
    }

    /// <summary>Writes taps [tap0, tap0 + taps) (tap t = (c, i, j), channel c counted from the image's first) for chunks
    /// [chunk0, chunk0 + chunks) of the table, one vector per chunk, as GEMM B panels: every <paramref name="chunksPerPanel"/>
    /// chunks make a panel, panel q at dst + q·<paramref name="panelStride"/>, its row r at + r·<paramref name="ld"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(UnfoldGeometry g, in ImageLayout image, in PixelTable table, int chunk0, int chunks, int tap0, int taps,
        float* dst, nint ld, int chunksPerPanel, nint panelStride)
    {
        var v = TL.Count;
        var kernel = g.KernelHeight * g.KernelWidth;
        var channelStride = (long)image.ChannelStride;
        for (var position = 0; position < kernel; position++)
        {
            // The rows of this kernel position: r0, r0 + kernel, … (one per channel).
            var r0 = ((position - (tap0 % kernel)) + kernel) % kernel;
            if (r0 >= taps) continue;
            var channel0 = image.Pixels + ((tap0 + r0) / kernel * channelStride);
            var step = kernel * ld;
            // The chunks' records and panel columns are walked along: a division per chunk cost more than its few rows
            // when a depth or row block holds only a few channels (the weight gradient's tiles).
            var entry = table.At(position, chunk0);
            var panel = dst + (r0 * ld);
            for (var (k, lane) = (0, 0); k < chunks; k++, entry += table.Record, lane += v)
            {
                if (lane == chunksPerPanel * v)
                {
                    panel += panelStride;
                    lane = 0;
                }
                var count = *entry;
                var row = panel + lane;
                var channel = channel0;
                if (count == 1)
                {
                    var (mask, offset) = (TL.LoadInts(entry + 1), entry[1 + v]);
                    for (var r = r0; r < taps; r += kernel, row += step, channel += channelStride) TL.Store(row, TL.MaskLoad(channel + offset, mask));
                    continue;
                }
                for (var r = r0; r < taps; r += kernel, row += step, channel += channelStride)
                {
                    var value = TL.Zero;
                    for (var s = 0; s < count; s++)
                    {
                        var segment = entry + 1 + (s * (v + 1));
                        value = TL.Or(value, TL.MaskLoad(channel + segment[v], TL.LoadInts(segment)));
                    }
                    TL.Store(row, value);
                }
            }
        }
    }

    /// <summary>The adjoint of <see cref="Pack"/> over every chunk: adds rows [0, taps) of <paramref name="src"/> (row r at
    /// src + r·ld, tap tap0 + r) into the pixels they were read from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddBack(UnfoldGeometry g, in ImageLayout image, in PixelTable table, int tap0, int taps, float* src, nint ld)
    {
        var v = TL.Count;
        var kernel = g.KernelHeight * g.KernelWidth;
        var channelStride = (long)image.ChannelStride;
        for (var position = 0; position < kernel; position++)
        {
            var r0 = ((position - (tap0 % kernel)) + kernel) % kernel;
            if (r0 >= taps) continue;
            var channel0 = image.Pixels + ((tap0 + r0) / kernel * channelStride);
            var step = kernel * ld;
            for (var k = 0; k < table.Chunks; k++)
            {
                var entry = table.At(position, k);
                for (var s = 0; s < *entry; s++)
                {
                    var segment = entry + 1 + (s * (v + 1));
                    var (mask, offset) = (TL.LoadInts(segment), segment[v]);
                    var row = src + (r0 * ld) + (k * v);
                    var channel = channel0;
                    for (var r = r0; r < taps; r += kernel, row += step, channel += channelStride)
                    {
                        var at = channel + offset;
                        TL.MaskStore(at, mask, TL.Add(TL.MaskLoad(at, mask), TL.Load(row)));
                    }
                }
            }
        }
    }
}
