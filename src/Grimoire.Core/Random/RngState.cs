namespace Grimoire;

/// <summary>A <see cref="Rng"/>'s state: the four xoshiro256** words and the second normal of the last Box–Muller
/// pair when it has not been drawn yet.</summary>
public readonly record struct RngState(ulong S0, ulong S1, ulong S2, ulong S3, double? SpareNormal)
{
    /// <summary>False for an all-zero xoshiro state (it would only ever draw zeros) or a spare normal that is not finite.</summary>
    public bool IsValid => (S0 | S1 | S2 | S3) != 0 && (SpareNormal is not { } spare || double.IsFinite(spare));
}
