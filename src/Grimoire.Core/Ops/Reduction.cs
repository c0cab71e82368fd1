namespace Grimoire;

/// <summary>How a loss over rows becomes its result: their mean (over the rows that count), their sum, or one loss per row.</summary>
public enum Reduction
{
    /// <summary>The mean over the rows that count (rows with an ignored label do not); a scalar.</summary>
    Mean,

    /// <summary>The sum over rows; a scalar.</summary>
    Sum,

    /// <summary>One loss per row, shape [n] (0 for an ignored row).</summary>
    None,
}
