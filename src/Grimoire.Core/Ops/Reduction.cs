namespace Grimoire;

/// <summary>How a loss over rows becomes its result: their mean (over the rows that count), their sum, or one loss per row.</summary>
public enum Reduction
{
    Mean,
    Sum,
    None,
}
