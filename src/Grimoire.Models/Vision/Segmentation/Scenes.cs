namespace Grimoire.Models.Vision.Segmentation;

/// <summary>A batch of generated scenes: RGB pixels in [0, 1] laid out [count, 3, size, size] (NCHW, what
/// <see cref="Tensor.Conv2d"/> takes) and one class per pixel, [count, size, size].</summary>
public sealed record Scenes(int Count, int Size, float[] Pixels, int[] Labels)
{
    /// <summary>Background ("stuff") and the three kinds of "thing": 4 classes.</summary>
    public const int Classes = 4;

    /// <summary>The class of background pixels.</summary>
    public const int Background = 0;

    /// <summary>The class of pixels inside a filled circle.</summary>
    public const int Circle = 1;

    /// <summary>The class of pixels inside a filled square.</summary>
    public const int Square = 2;

    /// <summary>The class of pixels inside a filled triangle.</summary>
    public const int Triangle = 3;

    /// <summary>A new float32 host tensor [count, 3, size, size] of the pixels; the caller owns it.</summary>
    public Tensor PixelTensor() => Tensor.FromArray(Pixels, new Shape(Count, 3, Size, Size));

    /// <summary>A new int32 host tensor [count, size, size] of the labels; the caller owns it.</summary>
    public Tensor LabelTensor() => Tensor.FromArray(Labels, new Shape(Count, Size, Size));
}
