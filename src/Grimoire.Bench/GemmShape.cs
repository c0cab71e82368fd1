namespace Grimoire.Bench;

/// <summary>An m x k by k x n float32 product.</summary>
public readonly record struct GemmShape(int M, int K, int N)
{
    public const int MaxDim = 8192;

    /// <summary>Square sizes the reports sweep, then skinny shapes of the book's models: a 784-256 dense
    /// layer at batch 128 and the im2col GEMM of a 3x3, 32-channel convolution over 56x56 maps.</summary>
    public static readonly GemmShape[] Report = [Square(256), Square(512), Square(1024), Square(2048), new(128, 784, 256), new(64, 3136, 32)];

    public static GemmShape Square(int n) => new(n, n, n);

    /// <summary>"MxKxN" (as <see cref="ToString"/> writes skinny shapes), or null when the text is not three
    /// positive integers joined by 'x'; the sizes are then checked by <see cref="Validate"/>.</summary>
    public static GemmShape? TryParse(string text)
    {
        var parts = text.Split('x');
        if (parts.Length != 3) return null;
        var sizes = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sizes[i])) return null;
        }
        return new GemmShape(sizes[0], sizes[1], sizes[2]);
    }

    public double Flops => 2.0 * M * K * N;

    public bool IsSquare => M == K && K == N;

    public void Validate()
    {
        foreach (var (name, value) in new[] { ("m", M), ("k", K), ("n", N) })
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, name);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxDim, name);
        }
    }

    public override string ToString() => IsSquare ? $"{N}" : $"{M}x{K}x{N}";
}
