namespace Grimoire.Benchmarks;

/// <summary>A benchmark that knows how much work one invocation does, so reports can show rates
/// (GFLOP/s for compute, GB/s for memory-bound kernels) rather than only times.</summary>
public interface IThroughput
{
    /// <summary>Work per invocation: floating-point operations or bytes moved.</summary>
    double Work { get; }

    /// <summary>"GFLOP/s" or "GB/s".</summary>
    string Unit { get; }
}
