namespace Grimoire.Imaging;

/// <summary>An 8-bit sRGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>(255, 255, 255).</summary>
    public static readonly Rgb White = new(255, 255, 255);
    /// <summary>(0, 0, 0).</summary>
    public static readonly Rgb Black = new(0, 0, 0);
}
