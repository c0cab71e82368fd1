namespace Grimoire.Ml.Optimization;

/// <summary>A line search for the strong Wolfe conditions (Nocedal &amp; Wright, Algorithms 3.5 and 3.6): sufficient
/// decrease f(x + αp) ≤ f(x) + c₁α∇fᵀp and curvature |∇f(x + αp)ᵀp| ≤ c₂|∇fᵀp|. The curvature condition is what
/// keeps L-BFGS's secant pairs positive definite; the step grows by doubling until it brackets a minimiser, then
/// a safeguarded quadratic interpolation shrinks the bracket. Non-finite values (an overflowing trial step) count
/// as "too far", so a huge first step backs off instead of failing.</summary>
public static class WolfeLineSearch
{
    private const double SufficientDecrease = 1e-4;
    private const double Curvature = 0.9;
    private const int MaxEvaluations = 50;

    /// <summary>An evaluated trial step: α, the point x + αp, f and ∇f there, and the directional derivative.</summary>
    public sealed record Trial(double Alpha, double[] Point, double[] Gradient, double Value, double Slope);

    /// <summary>A step meeting the Wolfe conditions; failing that, the best sufficient-decrease step found; null when
    /// not even that exists within the evaluation budget (the direction is not usefully downhill at this precision).</summary>
    public static Trial? Search(SmoothFunction f, double[] x, double value, double slope, double[] direction, double initialStep)
    {
        var start = new Trial(0, x, [], value, slope);
        var previous = start;
        var alpha = initialStep;
        for (var evaluation = 1; evaluation <= MaxEvaluations; evaluation++)
        {
            var trial = Evaluate(f, x, direction, alpha);
            if (!IsDecrease(trial, start) || (evaluation > 1 && trial.Value >= previous.Value))
                return Zoom(f, x, direction, start, previous, trial, MaxEvaluations - evaluation);
            if (Math.Abs(trial.Slope) <= -Curvature * slope) return trial;
            if (trial.Slope >= 0) return Zoom(f, x, direction, start, trial, previous, MaxEvaluations - evaluation);
            previous = trial;
            alpha *= 2;
        }
        return previous.Alpha > 0 ? previous : null;
    }

    /// <summary>Shrinks [lo, hi] (lo: the best sufficient-decrease step so far) until a step meets both conditions.</summary>
    private static Trial? Zoom(SmoothFunction f, double[] x, double[] direction, Trial start, Trial lo, Trial hi, int budget)
    {
        for (var evaluation = 0; evaluation < budget; evaluation++)
        {
            if (Math.Abs(hi.Alpha - lo.Alpha) <= 1e-16 * Math.Max(1, Math.Abs(lo.Alpha))) break;
            var trial = Evaluate(f, x, direction, Interpolate(lo, hi));
            if (!IsDecrease(trial, start) || trial.Value >= lo.Value)
            {
                hi = trial;
                continue;
            }
            if (Math.Abs(trial.Slope) <= -Curvature * start.Slope) return trial;
            if (trial.Slope * (hi.Alpha - lo.Alpha) >= 0) hi = lo;
            lo = trial;
        }
        return lo.Alpha > 0 ? lo : null;
    }

    private static bool IsDecrease(Trial trial, Trial start) =>
        double.IsFinite(trial.Value) && trial.Value <= start.Value + SufficientDecrease * trial.Alpha * start.Slope;

    /// <summary>The minimiser of the quadratic through f(lo), f'(lo) and f(hi), kept at least a tenth of the bracket
    /// away from either end; the midpoint when the quadratic has no interior minimum or f(hi) is not finite.</summary>
    private static double Interpolate(Trial lo, Trial hi)
    {
        var width = hi.Alpha - lo.Alpha;
        var (left, right) = (Math.Min(lo.Alpha, hi.Alpha), Math.Max(lo.Alpha, hi.Alpha));
        var midpoint = 0.5 * (left + right);
        if (!double.IsFinite(hi.Value)) return midpoint;
        var curvature = (hi.Value - lo.Value - lo.Slope * width) / (width * width);
        if (!(curvature > 0)) return midpoint;
        var alpha = lo.Alpha - lo.Slope / (2 * curvature);
        var margin = 0.1 * (right - left);
        return alpha >= left + margin && alpha <= right - margin ? alpha : midpoint;
    }

    private static Trial Evaluate(SmoothFunction f, double[] x, double[] direction, double alpha)
    {
        var point = Vectors.Step(x, alpha, direction);
        var gradient = new double[x.Length];
        var value = f(point, gradient);
        return new Trial(alpha, point, gradient, value, Vectors.Dot(gradient, direction));
    }
}
