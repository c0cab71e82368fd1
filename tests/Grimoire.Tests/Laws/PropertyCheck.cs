using FsCheck;
using FsCheck.Fluent;

namespace Grimoire.Tests.Laws;

/// <summary>Runs a property over generated values, each case inside its own tensor scope.</summary>
internal static class PropertyCheck
{
    public static void ForAll<T>(Gen<T> gen, Action<T> property, int cases = 60) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true),
            Prop.ForAll(Arb.From(gen), (T value) =>
            {
                using var scope = new TensorScope();
                property(value);
            }));
}
