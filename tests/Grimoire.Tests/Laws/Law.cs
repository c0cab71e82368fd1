using FsCheck;
using FsCheck.Fluent;

namespace Grimoire.Tests.Laws;

/// <summary>Runs an algebraic law as an FsCheck property: the body asserts, FsCheck shrinks a failure.</summary>
internal static class Law
{
    public static void Holds<T>(Gen<T> gen, Action<T> law, int cases = 60) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(gen), law));

    /// <summary>A random permutation of 0..n-1 (shuffled by the engine's own seeded generator).</summary>
    public static Gen<int[]> Permutation(int n) =>
        Gen.Choose(0, int.MaxValue).Select(seed =>
        {
            var p = Enumerable.Range(0, n).ToArray();
            new Rng((ulong)seed).Shuffle<int>(p);
            return p;
        });
}
