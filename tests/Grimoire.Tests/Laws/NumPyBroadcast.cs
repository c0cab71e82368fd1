namespace Grimoire.Tests.Laws;

/// <summary>An independent statement of NumPy's broadcasting rule, written from the right: dimensions
/// pair up from the trailing end, missing ones count as 1, and a pair is compatible when equal or when
/// one of them is 1 (which then takes the other's size, including 0).</summary>
internal static class NumPyBroadcast
{
    /// <summary>The broadcast shape, or null when the shapes are incompatible.</summary>
    public static int[]? Of(int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var k = 1; k <= rank; k++)
        {
            var x = k <= a.Length ? a[^k] : 1;
            var y = k <= b.Length ? b[^k] : 1;
            if (x == y || y == 1) result[rank - k] = x;
            else if (x == 1) result[rank - k] = y;
            else return null;
        }
        return result;
    }

    /// <summary>The index into an operand of shape <paramref name="operand"/> that broadcasting reads for
    /// <paramref name="outIndex"/> of the broadcast shape (size-1 axes stay at 0, missing leading axes drop).</summary>
    public static int[] SourceIndex(int[] outIndex, int[] operand)
    {
        var lead = outIndex.Length - operand.Length;
        return [.. operand.Select((d, i) => d == 1 ? 0 : outIndex[lead + i])];
    }
}
