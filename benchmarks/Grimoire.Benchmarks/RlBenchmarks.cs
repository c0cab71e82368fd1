using BenchmarkDotNet.Attributes;
using Grimoire.Rl.Catalogue;
using Grimoire.Rl.Environments;
using Grimoire.Rl.Policies;

namespace Grimoire.Benchmarks;

/// <summary>The two halves of a PPO rollout step on CartPole with 8 copies: stepping the vectorised environment alone
/// (the peer of NumPy's vectorised CartPole in benchmarks/rl), and one batched forward of the 64-64 tanh policy with
/// sampling. Each benchmark is 256 steps (one rollout), so steps/s = 256 / time.</summary>
public class RlBenchmarks
{
    private const int Copies = 8, Steps = 256 / Copies;
    private VectorEnvironment<int> _environment = null!;
    private PolicyModel _model = null!;
    private readonly int[] _actions = new int[Copies];
    private readonly float[] _observations = new float[Copies * 4], _sampled = new float[Copies];
    private readonly Rng _rng = new(3);

    [GlobalSetup]
    public void Setup()
    {
        _environment = new VectorEnvironment<int>(() => new CartPole(), Copies);
        _environment.Reset(0);
        _model = PolicyModel.For(RlCatalogue.Environment("cartpole"), 64, 2, withValue: false, 0, new Rng(1));
    }

    [Benchmark(OperationsPerInvoke = Steps * Copies)]
    public void VectorCartPoleStep()
    {
        for (var t = 0; t < Steps; t++)
        {
            for (var i = 0; i < Copies; i++) _actions[i] = _rng.NextInt(2);
            _environment.Step(_actions);
        }
    }

    [Benchmark(OperationsPerInvoke = Steps * Copies)]
    public void PolicyActOnEightCopies()
    {
        for (var t = 0; t < Steps; t++) _model.Policy.Act(_observations, Copies, _rng, _sampled);
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();
}
