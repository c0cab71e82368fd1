using System.Runtime.InteropServices;

namespace Grimoire.Cpu.Gemm;

/// <summary>
/// Per-thread, 64-byte aligned native scratch for packed panels. It only grows, so steady-state calls
/// allocate nothing; the finalizer frees it once its thread has died.
/// </summary>
internal sealed unsafe class PackBuffer
{
    [ThreadStatic] private static PackBuffer? t_a;
    [ThreadStatic] private static PackBuffer? t_b;
    [ThreadStatic] private static PackBuffer? t_image;
    [ThreadStatic] private static PackBuffer? t_tile;
    [ThreadStatic] private static PackBuffer? t_lanes;

    private float* _data;
    private nint _capacity;

    /// <summary>Scratch for packed A (at least <paramref name="floats"/> floats); valid until the next call on this thread.</summary>
    public static float* ForA(nint floats) => (t_a ??= new PackBuffer()).Ensure(floats);

    /// <summary>Scratch for packed B, separate from <see cref="ForA"/>.</summary>
    public static float* ForB(nint floats) => (t_b ??= new PackBuffer()).Ensure(floats);

    /// <summary>Scratch for an image rearranged for a convolution (its stride phases apart), separate from the others.</summary>
    public static float* ForImage(nint floats) => (t_image ??= new PackBuffer()).Ensure(floats);

    /// <summary>Scratch for a convolution's unfolded tile (im2col rows or their gradient), separate from the others.</summary>
    public static float* ForTile(nint floats) => (t_tile ??= new PackBuffer()).Ensure(floats);

    /// <summary>Scratch for a convolution packer's per-pixel tables, separate from the others.</summary>
    public static float* ForLanes(nint floats) => (t_lanes ??= new PackBuffer()).Ensure(floats);

    private float* Ensure(nint floats)
    {
        if (floats > _capacity)
        {
            NativeMemory.AlignedFree(_data);
            _data = null;
            _capacity = 0;
            // Round up to 64 KiB so slowly growing shapes do not reallocate on every call.
            nint rounded = (floats + 16383) & ~(nint)16383;
            _data = (float*)NativeMemory.AlignedAlloc((nuint)rounded * sizeof(float), 64);
            _capacity = rounded;
        }

        return _data;
    }

    ~PackBuffer() => NativeMemory.AlignedFree(_data);
}
