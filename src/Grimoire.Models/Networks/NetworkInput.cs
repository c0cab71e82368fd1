namespace Grimoire.Models.Networks;

/// <summary>What a trained network predicts from: the feature columns a data set must have (in this order), the shape
/// each row is given to the network in (e.g. [3, 32, 32] for an image), and the factor the values are scaled by first
/// (the same scaling training applied, e.g. 1/16 for digits' 0–16 pixels).</summary>
public sealed record NetworkInput(IReadOnlyList<string> Features, int[] RowShape, double Scale = 1)
{
    /// <summary>Columns x0, x1, … for a network whose rows have <paramref name="rowShape"/>.</summary>
    public static NetworkInput Numbered(int[] rowShape, double scale = 1) =>
        new(Enumerable.Range(0, rowShape.Aggregate(1, (a, b) => checked(a * b))).Select(i => $"x{i}").ToArray(), rowShape, scale);
}
