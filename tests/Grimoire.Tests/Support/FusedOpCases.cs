using FsCheck;
using FsCheck.Fluent;
using Grimoire.Ops;

namespace Grimoire.Tests.Support;

/// <summary>Generators for layer_norm, the log-probabilities and adam_update (see <see cref="OpCases"/>).</summary>
public static class FusedOpCases
{
    public static void AddTo(Dictionary<string, Func<DType, Gen<OpCase>>> cases)
    {
        cases[OpNames.LayerNorm] = LayerNorm;
        cases[OpNames.NormalLogProb] = NormalLogProb;
        cases[OpNames.CategoricalLogProb] = CategoricalLogProb;
        cases[OpNames.AdamUpdate] = AdamUpdate;
    }

    /// <summary>The usual settings, and each option switched on: L2 or decoupled decay, late steps, small β.</summary>
    public static Gen<AdamAttributes> AdamSettings =>
        Gen.Elements(
            new AdamAttributes(1e-3, 0.9, 0.999, 1e-8, 0, false, 1),
            new AdamAttributes(1e-2, 0.9, 0.999, 1e-8, 0.1, false, 3),
            new AdamAttributes(3e-3, 0.8, 0.99, 1e-6, 0.01, true, 17),
            new AdamAttributes(0.1, 0, 0.5, 1e-3, 0.5, true, 1000));

    /// <summary>Inputs ending in a normalised shape of one to three trailing axes, with or without γ and β, values sometimes
    /// far from zero (where a one-pass variance would cancel).</summary>
    private static Gen<OpCase> LayerNorm(DType dt) =>
        Gens.ShapeWithLarge(1).SelectMany(shape => Gens.Zip3(Gen.Choose(1, shape.Rank), Gen.Elements(true, false), Gen.Elements(1e-5, 0.1)).SelectMany(p =>
        {
            var normalised = new Shape(shape.ToArray()[^p.Item1..]);
            return Gens.Zip3(Gen.OneOf(Gens.Tensor(shape, dt), Gens.Tensor(shape, dt, 90, 110)), Gens.Tensor(normalised, dt), Gens.Tensor(normalised, dt))
                .Select(t => new OpCase(OpNames.LayerNorm, p.Item2 ? [t.Item1, t.Item2, t.Item3] : [t.Item1],
                    a => a[0].LayerNorm(normalised, p.Item2 ? a[1] : null, p.Item2 ? a[2] : null, p.Item3),
                    $"layer_norm({normalised}, {(p.Item2 ? "affine" : "plain")}, eps {p.Item3})"));
        }));

    private static Gen<OpCase> NormalLogProb(DType dt) =>
        Gens.BroadcastPair().SelectMany(p => Gen.Elements(p.Out, p.A, p.B, Shape.Scalar).SelectMany(third =>
            Gens.Zip3(Gens.Tensor(p.A, dt), Gens.Tensor(p.B, dt), Gens.Tensor(third, dt, -2, 2))))
            .Select(x => new OpCase(OpNames.NormalLogProb, [x.Item1, x.Item2, x.Item3], t => Tensor.NormalLogProb(t[0], t[1], t[2]), "normal_log_prob"));

    private static Gen<OpCase> CategoricalLogProb(DType dt) =>
        Gen.Zip(Gens.Dim, Gens.Dim).SelectMany(p => Gen.Zip(Gen.OneOf(Gens.Tensor(new Shape(p.Item1, p.Item2), dt, -8, 8), Gens.Tensor(new Shape(p.Item1, p.Item2), dt, -60, 60)), Gens.Indices(p.Item1, p.Item2)))
            .Select(x => new OpCase(OpNames.CategoricalLogProb, [x.Item1, x.Item2], t => t[0].CategoricalLogProb(t[1]), "categorical_log_prob"));

    /// <summary>One step on dense copies; the case's output is θ, m and v after it, end to end.</summary>
    private static Gen<OpCase> AdamUpdate(DType dt) =>
        Gens.ShapeWithLarge(0).SelectMany(shape => Gen.Zip(
                Gens.Zip3(Gens.Tensor(shape, dt), Gens.Tensor(shape, dt), Gens.Tensor(shape, dt, -0.5, 0.5)), Gen.Zip(Gens.Tensor(shape, dt, 0, 2), AdamSettings)))
            .Select(x => new OpCase(OpNames.AdamUpdate, [x.Item1.Item1, x.Item1.Item2, x.Item1.Item3, x.Item2.Item1], t =>
            {
                var (param, grad, m, v) = (t[0].Contiguous(copy: true), t[1].Contiguous(copy: true), t[2].Contiguous(copy: true), t[3].Contiguous(copy: true));
                Tensor.AdamUpdate(param, grad, m, v, x.Item2.Item2);
                return Tensor.Concat([param.Reshape(-1), m.Reshape(-1), v.Reshape(-1)], 0);
            }, $"adam_update({x.Item2.Item2})"));
}
