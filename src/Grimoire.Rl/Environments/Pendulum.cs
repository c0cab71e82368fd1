using Grimoire.Rl.Spaces;

namespace Grimoire.Rl.Environments;

/// <summary>
/// Gymnasium's Pendulum-v1: swing a pendulum up and hold it with a torque u clipped to [−2, 2]. State θ (0 upright),
/// θ̇ started uniformly in [−π, π] × [−1, 1]; observation [cos θ, sin θ, θ̇]; θ̇ ← clip(θ̇ + (3g/(2l)·sin θ +
/// 3/(ml²)·u)·dt, ±8), θ ← θ + θ̇·dt with g = 10, m = l = 1, dt = 0.05; reward −(θ̂² + 0.1·θ̇² + 0.001·u²) with θ̂ the
/// angle wrapped to [−π, π), using the state before the step; never terminates, truncated at 200 steps.
/// </summary>
public sealed class Pendulum : Environment<float[], float[]>
{
    private const double MaxSpeed = 8;
    private const double MaxTorque = 2;
    private const double Dt = 0.05;
    private const double G = 10;
    private const double Mass = 1;
    private const double Length = 1;

    private double _theta, _thetaDot;

    /// <inheritdoc/>
    public override string Name => "pendulum";

    /// <inheritdoc/>
    public override string BookSection => "§21, §26";

    /// <summary>[cos θ, sin θ, θ̇].</summary>
    public override Space ObservationSpace { get; } = new BoxSpace([-1, -1, (float)-MaxSpeed], [1, 1, (float)MaxSpeed]);

    /// <summary>The torque, one component in [−2, 2]; values outside are clipped, as Gymnasium does.</summary>
    public override Space ActionSpace { get; } = BoxSpace.Uniform(1, (float)-MaxTorque, (float)MaxTorque);

    /// <inheritdoc/>
    public override int MaxEpisodeSteps => 200;

    /// <summary>The state, for tests of the dynamics.</summary>
    public (double Theta, double ThetaDot) State => (_theta, _thetaDot);

    /// <summary>Puts the pendulum in a given state; the episode continues from it.</summary>
    public void SetState(double theta, double thetaDot) => (_theta, _thetaDot) = (theta, thetaDot);

    /// <summary>θ wrapped to [−π, π).</summary>
    public static double WrapAngle(double theta) => ((theta + Math.PI) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI) - Math.PI;

    /// <inheritdoc/>
    protected override float[] Start()
    {
        _theta = Random.NextDouble() * 2 * Math.PI - Math.PI;
        _thetaDot = Random.NextDouble() * 2 - 1;
        return Observation();
    }

    /// <inheritdoc/>
    protected override (float[] Observation, double Reward, bool Terminated) Advance(float[] action)
    {
        var u = Math.Clamp(action[0], -MaxTorque, MaxTorque);
        var angle = WrapAngle(_theta);
        var cost = angle * angle + 0.1 * _thetaDot * _thetaDot + 0.001 * u * u;
        _thetaDot = Math.Clamp(_thetaDot + (3 * G / (2 * Length) * Math.Sin(_theta) + 3.0 / (Mass * Length * Length) * u) * Dt, -MaxSpeed, MaxSpeed);
        _theta += _thetaDot * Dt;
        return (Observation(), -cost, false);
    }

    /// <inheritdoc/>
    protected override double[] SaveState() => [_theta, _thetaDot];

    /// <inheritdoc/>
    protected override void RestoreState(ReadOnlySpan<double> state)
    {
        CheckStateLength(state, 2);
        (_theta, _thetaDot) = (state[0], state[1]);
    }

    /// <inheritdoc/>
    protected override string? Invalid(float[] action) =>
        action is null ? "is null" : action.Length != 1 ? $"has {action.Length} components, not 1" : float.IsNaN(action[0]) ? "is NaN" : null;

    private float[] Observation() => [(float)Math.Cos(_theta), (float)Math.Sin(_theta), (float)_thetaDot];
}
