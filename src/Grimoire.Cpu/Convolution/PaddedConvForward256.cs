using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Grimoire.Cpu.Gemm;
using Grimoire.Ops;

namespace Grimoire.Cpu.Convolution;

/// <summary>The AVX2 forward pass without a packed B panel: each (image, group) is copied once into its padded stride
/// phases (<see cref="PaddedPhases"/>), where a tap's pixels along an output row are consecutive and the padding is real
/// zeros, so a 6 x 16 micro-kernel loads its two B vectors (8 pixels of an output row each) with plain unaligned loads at
/// the tap's offset: no masks, no table, nothing packed. The weights are packed once as 6-row A panels (the last rows in
/// at most two 4-row ones, as <see cref="SmallGemm256"/>) over the whole depth, which stays in the 12 accumulators; the bias goes on as C is stored. Two output-row segments at a time meet every panel
/// while their pixels are in L1. Work items are whole (image, group) pairs, or blocks of their pixels when there are fewer
/// pairs than chunks.</summary>
internal static unsafe class PaddedConvForward256
{
    private const int Mr = 6, Lanes = 8;

    /// <summary>Zero floats after the padded image: a short segment's last load reads up to 7 lanes past its pixels.</summary>
    public const int Slack = Lanes;

    /// <summary>y = x ⊛ w (+ bias per output channel); <paramref name="bias"/> may be null.</summary>
    public static void Run(ConvAttributes a, float* x, float* w, float* bias, float* y)
    {
        var g = a.Window;
        var (m, taps, pixels, channels) = (a.OutPerGroup, a.Taps, g.Columns, a.InPerGroup);
        // 6-row panels, the last rows in at most two 4-row ones (as SmallGemm256): 32 output channels run as 6·4 + 4·2
        // rows instead of 36.
        var sixes = SmallGemm256.SixRowTiles(m);
        var sixRows = Math.Min(m, Mr * sixes);
        var fourPanels = (long)Mr * sixes;
        var panelRows = (Mr * sixes) + GemmDriver.RoundUp(m - sixRows, 4);
        var weights = (float*)NativeMemory.AlignedAlloc((nuint)((long)a.Groups * panelRows * taps * sizeof(float)), 64);
        // Per output row, its segments of at most 8 pixels: (offset in a phase plane, output pixel, count).
        var (perRow, width) = ((g.OutWidth + Lanes - 1) / Lanes, g.OutWidth);
        var segments = (int*)NativeMemory.Alloc((nuint)((long)g.OutHeight * perRow * 3 * sizeof(int)));
        var offsets = (int*)NativeMemory.Alloc((nuint)((long)taps * sizeof(int)));
        try
        {
            for (var gi = 0; gi < a.Groups; gi++)
            {
                var problem = new GemmProblem(false, false, m, 0, taps, 1f, w + ((long)gi * m * taps), taps, null, 0, 0f, null, 0, default);
                var group = weights + ((long)gi * panelRows * taps);
                PackA.Run(problem, 0, 0, sixRows, taps, Mr, group);
                PackA.Run(problem, sixRows, 0, m - sixRows, taps, 4, group + (fourPanels * taps));
            }
            var layout = PaddedPhases.Describe(g);
            layout.WriteTapOffsets(offsets, channels);
            var count = 0;
            for (var oy = 0; oy < g.OutHeight; oy++)
            for (var ox = 0; ox < width; ox += Lanes, count++)
                (segments[3 * count], segments[(3 * count) + 1], segments[(3 * count) + 2]) = ((oy * layout.PhaseWidth) + ox, (oy * width) + ox, Math.Min(Lanes, width - ox));
            // Work items: (image, group, block of segment pairs); blocks only when there are too few images to share.
            var pairs = (count + 1) / 2;
            var images = (long)g.Batch * a.Groups;
            var blocks = (int)Math.Min(pairs, Math.Max(1, (ConvSplit.MostChunks + images - 1) / images));
            var items = images * blocks;
            var (px, pw, pb, py, ps, po) = ((nint)x, (nint)weights, (nint)bias, (nint)y, (nint)segments, (nint)offsets);
            var segmentCount = count;
            CpuParallel.ForChunks(checked((int)items), ConvSplit.Chunks(items, 2L * m * taps * pixels / blocks), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (_, i0, i1) =>
            {
                // The padded copy follows the (image, group); an image's blocks are consecutive items. Its padding is
                // zeroed once: the copies only write the interior.
                var (copied, image) = (-1L, PaddedPhases.Zeroed(g, channels, 1, Slack));
                for (var item = i0; item < i1; item++)
                {
                    var (pair, block) = Math.DivRem((long)item, blocks);
                    if (pair != copied)
                    {
                        image.CopyFrom((float*)px + (pair * channels * g.Height * g.Width), channels, 0);
                        copied = pair;
                    }
                    var gi = (int)(pair % a.Groups);
                    var output = (float*)py + (pair * m * pixels);
                    var groupWeights = (float*)pw + ((long)gi * panelRows * taps);
                    var (s0, s1) = (2 * (int)(pairs * block / blocks), Math.Min(segmentCount, 2 * (int)(pairs * (block + 1) / blocks)));
                    // Each pair of segments meets every panel while its pixels are in L1 (a stride-2 image's phases
                    // outgrow L1 if each panel sweeps the whole image).
                    for (var s = s0; s < s1; s += 2)
                    {
                        var first = (int*)ps + (3 * s);
                        var second = s + 1 < segmentCount ? first + 3 : null;
                        var groupBias = bias == null ? null : (float*)pb + ((long)gi * m);
                        for (var row0 = 0; row0 < sixRows; row0 += Mr)
                        {
                            Tile<SixRows>(taps, (int*)po, groupWeights + ((long)row0 * taps), image.Pixels, first, second, groupBias == null ? null : groupBias + row0,
                                output + ((long)row0 * pixels), pixels, Math.Min(Mr, m - row0));
                        }
                        for (var row0 = sixRows; row0 < m; row0 += 4)
                        {
                            Tile<FourRows>(taps, (int*)po, groupWeights + ((fourPanels + row0 - sixRows) * taps), image.Pixels, first, second, groupBias == null ? null : groupBias + row0,
                                output + ((long)row0 * pixels), pixels, Math.Min(4, m - row0));
                        }
                    }
                }
            });
        }
        finally
        {
            NativeMemory.AlignedFree(weights);
            NativeMemory.Free(segments);
            NativeMemory.Free(offsets);
        }
    }

    /// <summary>C[0..rows, the pixels of two segments] = A panel · image columns (+ bias); <paramref name="second"/> may be
    /// null (an odd last segment).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows>(int taps, int* offsets, float* a, float* image, int* first, int* second, float* bias, float* c, nint ldc, int rows)
        where TRows : struct, IRowCount
    {
        float* x0 = image + first[0], x1 = image + (second == null ? first[0] : second[0]);
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
            c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var t = 0; t < taps; t++, a += TRows.Count)
        {
            var at = offsets[t];
            Vector256<float> b0 = Vector256.Load(x0 + at), b1 = Vector256.Load(x1 + at), v;
            v = Vector256.Create(a[0]); c00 = Fma.MultiplyAdd(v, b0, c00); c01 = Fma.MultiplyAdd(v, b1, c01);
            v = Vector256.Create(a[1]); c10 = Fma.MultiplyAdd(v, b0, c10); c11 = Fma.MultiplyAdd(v, b1, c11);
            v = Vector256.Create(a[2]); c20 = Fma.MultiplyAdd(v, b0, c20); c21 = Fma.MultiplyAdd(v, b1, c21);
            v = Vector256.Create(a[3]); c30 = Fma.MultiplyAdd(v, b0, c30); c31 = Fma.MultiplyAdd(v, b1, c31);
            if (TRows.Count == 6)
            {
                v = Vector256.Create(a[4]); c40 = Fma.MultiplyAdd(v, b0, c40); c41 = Fma.MultiplyAdd(v, b1, c41);
                v = Vector256.Create(a[5]); c50 = Fma.MultiplyAdd(v, b0, c50); c51 = Fma.MultiplyAdd(v, b1, c51);
            }
        }
        var out0 = new SegmentWriter(c + first[1], first[2]);
        var out1 = second == null ? default : new SegmentWriter(c + second[1], second[2]);
        out0.Row(c00, Bias(bias, 0), 0); out1.Row(c01, Bias(bias, 0), 0); if (rows == 1) return;
        out0.Row(c10, Bias(bias, 1), ldc); out1.Row(c11, Bias(bias, 1), ldc); if (rows == 2) return;
        out0.Row(c20, Bias(bias, 2), 2 * ldc); out1.Row(c21, Bias(bias, 2), 2 * ldc); if (rows == 3) return;
        out0.Row(c30, Bias(bias, 3), 3 * ldc); out1.Row(c31, Bias(bias, 3), 3 * ldc); if (rows == 4) return;
        out0.Row(c40, Bias(bias, 4), 4 * ldc); out1.Row(c41, Bias(bias, 4), 4 * ldc); if (rows == 5) return;
        out0.Row(c50, Bias(bias, 5), 5 * ldc); out1.Row(c51, Bias(bias, 5), 5 * ldc);
    }

    private interface IRowCount
    {
        static abstract int Count { get; }
    }

    private readonly struct SixRows : IRowCount
    {
        public static int Count => 6;
    }

    private readonly struct FourRows : IRowCount
    {
        public static int Count => 4;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Bias(float* bias, int row) => bias == null ? Vector256<float>.Zero : Vector256.Create(bias[row]);

    /// <summary>Stores one segment's 8 lanes of a row, masked when the segment is shorter; a default writer stores nothing.</summary>
    private readonly struct SegmentWriter(float* at, int count)
    {
        private readonly float* _at = at;
        private readonly int _count = count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Row(Vector256<float> v, Vector256<float> bias, nint offset)
        {
            if (_count == Lanes) Vector256.Store(v + bias, _at + offset);
            else if (_count > 0) Avx.MaskStore(_at + offset, Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(_count)).AsSingle(), v + bias);
        }
    }
}
