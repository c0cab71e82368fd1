using Grimoire.Imaging;

namespace Grimoire.Models.Vision;

/// <summary>sRGB → CIE L*a*b* (D65 white), the space SLIC measures colour distance in (book §18.1): Euclidean
/// distances there follow perceived colour differences far better than in RGB, so one compactness weight suits
/// dark and bright regions alike. L lies in [0, 100]; a and b roughly in [−128, 127].</summary>
public static class CieLab
{
    private const double WhiteX = 0.95047, WhiteZ = 1.08883;
    private const double Delta = 6.0 / 29;

    /// <summary>The L*a*b* coordinates of an 8-bit sRGB <paramref name="colour"/>.</summary>
    public static (double L, double A, double B) FromRgb(Rgb colour)
    {
        var (r, g, b) = (Linear(colour.R), Linear(colour.G), Linear(colour.B));
        var x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / WhiteX;
        var y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        var z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / WhiteZ;
        var (fx, fy, fz) = (F(x), F(y), F(z));
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    /// <summary>Undoes the sRGB transfer curve: a linear segment near black, a 2.4 power elsewhere.</summary>
    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    /// <summary>The cube root, continued by a straight line below (6/29)³ so the slope at black stays finite.</summary>
    private static double F(double t) => t > Delta * Delta * Delta ? Math.Cbrt(t) : t / (3 * Delta * Delta) + 4.0 / 29;
}
