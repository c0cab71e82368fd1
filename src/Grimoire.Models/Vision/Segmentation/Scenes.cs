namespace Grimoire.Models.Vision.Segmentation;

/// <summary>A batch of generated scenes: RGB pixels in [0, 1] laid out [count, 3, size, size] (NCHW, what
/// <see cref="Tensor.Conv2d"/> takes) and one class per pixel, [count, size, size].</summary>
public sealed record Scenes(int Count, int Size, float[] Pixels, int[] Labels)
{
    /// <summary>Background ("stuff") and the three kinds of "thing": 4 classes.</summary>
    public const int Classes = 4;

    public const int Background = 0;

    public const int Circle = 1;

    public const int Square = 2;

    public const int Triangle = 3;

    public Tensor PixelTensor() => Tensor.FromArray(Pixels, new Shape(Count, 3, Size, Size));

    public Tensor LabelTensor() => Tensor.FromArray(Labels, new Shape(Count, Size, Size));
}
