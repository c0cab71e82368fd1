namespace Grimoire.Bench;

/// <summary>A convolution layer (NCHW, square images and kernels) of the kind the book's vision chapter builds.</summary>
public sealed record ConvShape(int Batch, int InChannels, int Size, int OutChannels, int Kernel, int Stride, int Padding)
{
    /// <summary>A small CNN's layers at batch 64: 3x3 and 5x5 kernels, stride 1 and 2, with padding.</summary>
    public static readonly ConvShape[] Vision =
    [
        new(64, 3, 32, 16, 3, 1, 1),
        new(64, 16, 32, 32, 3, 2, 1),
        new(64, 32, 16, 64, 5, 1, 2),
        new(64, 64, 8, 64, 3, 1, 1),
    ];

    public int OutSize => (Size + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>Two flops per multiply-add of the forward pass; the backward pass does twice that again.</summary>
    public double ForwardFlops => 2.0 * Batch * OutChannels * OutSize * OutSize * InChannels * Kernel * Kernel;

    /// <summary>The comma-separated form the libtorch peer script takes.</summary>
    public string Spec => $"{Batch},{InChannels},{Size},{OutChannels},{Kernel},{Stride},{Padding}";

    public override string ToString() => $"{Batch}x{InChannels}x{Size}x{Size} k{Kernel} s{Stride} p{Padding} → {OutChannels}";
}
