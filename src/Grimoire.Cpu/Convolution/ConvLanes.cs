using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Grimoire.Cpu.Convolution;

/// <summary>The vector operations the convolution packers need at one SIMD width: pixel coordinates held as int lanes,
/// a mask of the lanes whose tap falls inside the image, and loads that never touch a masked lane's address (so a
/// lane in the zero padding may point anywhere). Lane masks are all-ones or zero float lanes.</summary>
internal unsafe interface IConvLanes<TV> where TV : struct
{
    /// <summary>Lanes per vector: 16 or 8.</summary>
    static abstract int Count { get; }

    /// <summary><see cref="Count"/> int lanes from <paramref name="p"/>.</summary>
    static abstract TV LoadInts(int* p);

    /// <summary>All-ones lanes where row + dy lies in [0, height) and column + dx in [0, width), within <paramref name="lanes"/>.</summary>
    static abstract TV Inside(TV rows, TV columns, int dy, int dx, int height, int width, TV lanes);

    /// <summary>The lanes of <paramref name="mask"/> read from <paramref name="p"/>, zero elsewhere; masked-off addresses are not read.</summary>
    static abstract TV MaskLoad(float* p, TV mask);

    /// <summary>Writes the lanes of <paramref name="mask"/> at <paramref name="p"/>; masked-off addresses are not touched.</summary>
    static abstract void MaskStore(float* p, TV mask, TV v);

    static abstract TV Or(TV a, TV b);

    static abstract TV And(TV a, TV b);

    static abstract TV Add(TV a, TV b);

    static abstract bool Any(TV mask);

    static abstract TV Zero { get; }

    /// <summary>All-ones lanes in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    static abstract TV Lanes(int from, int to);

    static abstract void Store(float* p, TV v);

    static abstract TV Load(float* p);

    /// <summary>Splits 2·<see cref="Count"/> floats at <paramref name="source"/> into their even and odd elements.</summary>
    static abstract void Deinterleave(float* source, float* even, float* odd);

    /// <summary>The inverse of <see cref="Deinterleave"/>: 2·<see cref="Count"/> floats alternating even[i], odd[i].</summary>
    static abstract void Interleave(float* even, float* odd, float* destination);
}

/// <summary>AVX-512: 16 lanes, masked loads and stores that suppress faults on masked elements.</summary>
internal readonly unsafe struct ConvLanes512 : IConvLanes<Vector512<float>>
{
    private static readonly Vector512<int> Evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    private static readonly Vector512<int> Odds = Evens + Vector512<int>.One;
    private static readonly Vector512<int> LowHalves = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    private static readonly Vector512<int> HighHalves = LowHalves + Vector512.Create(8);

    public static int Count => 16;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    public static Vector512<float> Lanes(int from, int to) =>
        (Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(from)) & Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(to))).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadInts(int* p) => Vector512.Load(p).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Inside(Vector512<float> rows, Vector512<float> columns, int dy, int dx, int height, int width, Vector512<float> lanes)
    {
        var y = (rows.AsInt32() + Vector512.Create(dy)).AsUInt32();
        var x = (columns.AsInt32() + Vector512.Create(dx)).AsUInt32();
        return (Vector512.LessThan(y, Vector512.Create((uint)height)) & Vector512.LessThan(x, Vector512.Create((uint)width))).AsSingle() & lanes;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MaskLoad(float* p, Vector512<float> mask) => Avx512F.MaskLoad(p, mask, Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MaskStore(float* p, Vector512<float> mask, Vector512<float> v) => Avx512F.MaskStore(p, mask, v);

    public static Vector512<float> Or(Vector512<float> a, Vector512<float> b) => a | b;

    public static Vector512<float> And(Vector512<float> a, Vector512<float> b) => a & b;

    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    public static bool Any(Vector512<float> mask) => mask.AsInt32() != Vector512<int>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector512<float> v) => Vector512.Store(v, p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* p) => Vector512.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(float* source, float* even, float* odd)
    {
        var (lo, hi) = (Vector512.Load(source), Vector512.Load(source + 16));
        Vector512.Store(Avx512F.PermuteVar16x32x2(lo, Evens, hi), even);
        Vector512.Store(Avx512F.PermuteVar16x32x2(lo, Odds, hi), odd);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(float* even, float* odd, float* destination)
    {
        var (e, o) = (Vector512.Load(even), Vector512.Load(odd));
        Vector512.Store(Avx512F.PermuteVar16x32x2(e, LowHalves, o), destination);
        Vector512.Store(Avx512F.PermuteVar16x32x2(e, HighHalves, o), destination + 16);
    }
}

/// <summary>AVX2: 8 lanes; vmaskmovps loads and stores, which do not fault on masked elements.</summary>
internal readonly unsafe struct ConvLanes256 : IConvLanes<Vector256<float>>
{
    public static int Count => 8;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    public static Vector256<float> Lanes(int from, int to) =>
        (Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(from)) & Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(to))).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadInts(int* p) => Vector256.Load(p).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Inside(Vector256<float> rows, Vector256<float> columns, int dy, int dx, int height, int width, Vector256<float> lanes)
    {
        var y = (rows.AsInt32() + Vector256.Create(dy)).AsUInt32();
        var x = (columns.AsInt32() + Vector256.Create(dx)).AsUInt32();
        return (Vector256.LessThan(y, Vector256.Create((uint)height)) & Vector256.LessThan(x, Vector256.Create((uint)width))).AsSingle() & lanes;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MaskLoad(float* p, Vector256<float> mask) => Avx.MaskLoad(p, mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MaskStore(float* p, Vector256<float> mask, Vector256<float> v) => Avx.MaskStore(p, mask, v);

    public static Vector256<float> Or(Vector256<float> a, Vector256<float> b) => a | b;

    public static Vector256<float> And(Vector256<float> a, Vector256<float> b) => a & b;

    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    public static bool Any(Vector256<float> mask) => mask.AsInt32() != Vector256<int>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* p, Vector256<float> v) => Vector256.Store(v, p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* p) => Vector256.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Deinterleave(float* source, float* even, float* odd)
    {
        // Within each 128-bit half pick elements 0, 2 (even) or 1, 3 (odd) of both inputs, then put the 64-bit pairs in order.
        var (lo, hi) = (Vector256.Load(source), Vector256.Load(source + 8));
        Vector256.Store(Avx2.Permute4x64(Avx.Shuffle(lo, hi, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle(), even);
        Vector256.Store(Avx2.Permute4x64(Avx.Shuffle(lo, hi, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle(), odd);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(float* even, float* odd, float* destination)
    {
        var e = Avx2.Permute4x64(Vector256.Load(even).AsDouble(), 0b11_01_10_00).AsSingle();
        var o = Avx2.Permute4x64(Vector256.Load(odd).AsDouble(), 0b11_01_10_00).AsSingle();
        Vector256.Store(Avx.UnpackLow(e, o), destination);
        Vector256.Store(Avx.UnpackHigh(e, o), destination + 8);
    }
}
