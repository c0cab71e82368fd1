namespace Grimoire.Rl.Catalogue;

/// <summary>What `grimoire rl train --json` prints (a contract): the algorithm and environment, environment steps taken,
/// episodes finished during training and the mean return of the last of them, the deterministic policy's mean return
/// over the evaluation episodes, and wall-clock seconds.</summary>
/// <param name="Algo">The algorithm's name.</param>
/// <param name="Env">The environment's name.</param>
/// <param name="Steps">Environment steps taken in training.</param>
/// <param name="Episodes">Episodes finished in training.</param>
/// <param name="TrainMeanReturn">Mean return of the last (up to 20) training episodes.</param>
/// <param name="EvalMeanReturn">Mean return of the final policy, acting deterministically.</param>
/// <param name="EvalEpisodes">Episodes evaluated.</param>
/// <param name="Seconds">Training wall time.</param>
public sealed record RlReport(string Algo, string Env, long Steps, int Episodes, double TrainMeanReturn, double EvalMeanReturn, int EvalEpisodes, double Seconds)
{
    /// <summary>Environment steps per second of training.</summary>
    public double StepsPerSecond => Seconds > 0 ? Steps / Seconds : 0;
}
