namespace Grimoire.Models.Vision;

/// <summary>SLIC's last step: k-means in (colour, position) space does not guarantee that a label is one connected
/// region, and leaves stray fragments. Each 4-connected component becomes its own superpixel, and a component
/// smaller than a minimum size is absorbed by the neighbouring superpixel it touches first, as in the SLIC paper.</summary>
public static class SuperpixelConnectivity
{
    /// <summary>New labels 0 … count−1, one per kept component, numbered in scan order.</summary>
    public static (int[] Labels, int Count) Enforce(int[] labels, int width, int height, int minSize)
    {
        var result = new int[labels.Length];
        Array.Fill(result, -1);
        var count = 0;
        var component = new List<int>();
        for (var start = 0; start < labels.Length; start++)
        {
            if (result[start] >= 0) continue;
            var adjacent = AdjacentLabel(result, start, width);
            Flood(labels, result, start, width, height, count, component);
            if (component.Count < minSize && adjacent >= 0)
                foreach (var i in component) result[i] = adjacent;
            else
                count++;
        }
        return (result, count);
    }

    /// <summary>A label already given to a pixel left of or above <paramref name="i"/> (scan order reaches those first), or −1.</summary>
    private static int AdjacentLabel(int[] result, int i, int width)
    {
        if (i % width > 0 && result[i - 1] >= 0) return result[i - 1];
        if (i >= width && result[i - width] >= 0) return result[i - width];
        return -1;
    }

    /// <summary>Gives <paramref name="label"/> to the 4-connected component of <paramref name="start"/> sharing its
    /// old label, collecting its pixels in <paramref name="component"/>; an explicit stack, so no recursion depth.</summary>
    private static void Flood(int[] labels, int[] result, int start, int width, int height, int label, List<int> component)
    {
        component.Clear();
        var stack = new Stack<int>();
        stack.Push(start);
        result[start] = label;
        while (stack.TryPop(out var i))
        {
            component.Add(i);
            var (x, y) = (i % width, i / width);
            foreach (var (nx, ny) in (ReadOnlySpan<(int, int)>)[(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)])
            {
                if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
                var n = ny * width + nx;
                if (result[n] >= 0 || labels[n] != labels[start]) continue;
                result[n] = label;
                stack.Push(n);
            }
        }
    }
}
