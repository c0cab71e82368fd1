namespace Grimoire.Ml.Models.Logistic;

/// <summary>softplus(z) = log(1 + eᶻ) written as max(z, 0) + log(1 + e^−|z|), so no exponential ever sees a positive
/// argument: margins of ±1000 give exact answers instead of ∞ or log 0.</summary>
internal static class Softplus
{
    public static Tensor Of(Tensor z) => z.Relu() + (1 + (-z.Abs()).Exp()).Log();
}
