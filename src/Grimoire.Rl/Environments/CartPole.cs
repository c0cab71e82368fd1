using Grimoire.Rl.Spaces;

namespace Grimoire.Rl.Environments;

/// <summary>
/// Gymnasium's CartPole-v1 (Barto, Sutton and Anderson's cart-pole): push a cart left (0) or right (1) to keep a pole
/// upright. State [x, ẋ, θ, θ̇], each started uniformly in ±0.05; the classic-control equations integrated by explicit
/// Euler with τ = 0.02 s (gravity 9.8, cart 1 kg, pole 0.1 kg, half-length 0.5 m, force 10 N); reward 1 per step,
/// the terminating one included; terminated when |x| &gt; 2.4 or |θ| &gt; 12°, truncated at 500 steps.
/// </summary>
public sealed class CartPole : Environment<float[], int>
{
    private const double Gravity = 9.8;
    private const double CartMass = 1.0;
    private const double PoleMass = 0.1;
    private const double TotalMass = CartMass + PoleMass;
    private const double HalfLength = 0.5;
    private const double PoleMassLength = PoleMass * HalfLength;
    private const double Force = 10.0;
    private const double Tau = 0.02;
    private const double XLimit = 2.4;
    private const double ThetaLimit = 12 * 2 * Math.PI / 360;

    private double _x, _xDot, _theta, _thetaDot;

    /// <inheritdoc/>
    public override string Name => "cartpole";

    /// <inheritdoc/>
    public override string BookSection => "§21, §25–27";

    /// <summary>[x, ẋ, θ, θ̇], bounded as Gymnasium states it (twice the termination limits for x and θ).</summary>
    public override Space ObservationSpace { get; } = new BoxSpace(
        [(float)(-2 * XLimit), float.NegativeInfinity, (float)(-2 * ThetaLimit), float.NegativeInfinity],
        [(float)(2 * XLimit), float.PositiveInfinity, (float)(2 * ThetaLimit), float.PositiveInfinity]);

    /// <summary>0 pushes left, 1 pushes right.</summary>
    public override Space ActionSpace { get; } = new DiscreteSpace(2);

    /// <inheritdoc/>
    public override int MaxEpisodeSteps => 500;

    /// <summary>The state as doubles, for tests of the dynamics.</summary>
    public (double X, double XDot, double Theta, double ThetaDot) State => (_x, _xDot, _theta, _thetaDot);

    /// <summary>Puts the cart in a given state (tests and scripted starts); the episode continues from it.</summary>
    public void SetState(double x, double xDot, double theta, double thetaDot) => (_x, _xDot, _theta, _thetaDot) = (x, xDot, theta, thetaDot);

    /// <inheritdoc/>
    protected override float[] Start()
    {
        (_x, _xDot, _theta, _thetaDot) = (Uniform(), Uniform(), Uniform(), Uniform());
        return Observation();
    }

    /// <inheritdoc/>
    protected override (float[] Observation, double Reward, bool Terminated) Advance(int action)
    {
        var force = action == 1 ? Force : -Force;
        var (cos, sin) = (Math.Cos(_theta), Math.Sin(_theta));
        var temp = (force + PoleMassLength * _thetaDot * _thetaDot * sin) / TotalMass;
        var thetaAcc = (Gravity * sin - cos * temp) / (HalfLength * (4.0 / 3.0 - PoleMass * cos * cos / TotalMass));
        var xAcc = temp - PoleMassLength * thetaAcc * cos / TotalMass;
        _x += Tau * _xDot;
        _xDot += Tau * xAcc;
        _theta += Tau * _thetaDot;
        _thetaDot += Tau * thetaAcc;
        var terminated = _x < -XLimit || _x > XLimit || _theta < -ThetaLimit || _theta > ThetaLimit;
        return (Observation(), 1.0, terminated);
    }

    /// <inheritdoc/>
    protected override double[] SaveState() => [_x, _xDot, _theta, _thetaDot];

    /// <inheritdoc/>
    protected override void RestoreState(ReadOnlySpan<double> state)
    {
        CheckStateLength(state, 4);
        (_x, _xDot, _theta, _thetaDot) = (state[0], state[1], state[2], state[3]);
    }

    /// <inheritdoc/>
    protected override string? Invalid(int action) => action is 0 or 1 ? null : $"{action} is not 0 (left) or 1 (right)";

    private double Uniform() => Random.NextDouble() * 0.1 - 0.05;

    private float[] Observation() => [(float)_x, (float)_xDot, (float)_theta, (float)_thetaDot];
}
