using Grimoire.Kernels;
using Grimoire.Ops;
using static Grimoire.Cpu.Reference.Element;

namespace Grimoire.Cpu.Reference;

/// <summary>Reference kernels of the fused LSTM and GRU cells and their backward ops: the formulas element by element in
/// double (layouts in <see cref="OpContracts"/>), the oracle for the fast kernels.</summary>
internal static class ReferenceRecurrent
{
    public static void Register(KernelRegistry.Registrar r)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            void Add(string op, Action<Tensor[], Tensor, int, int, int, int> element) =>
                r.Add(new KernelInfo(op, "cpu", dtype, KernelRegistry.ReferenceVariant, Isa.None, Priority: 0), (x, y, a) =>
                {
                    var s = (RecurrentCellAttributes)a!;
                    var operands = x.ToArray();
                    for (var b = 0; b < s.Batch; b++)
                    {
                        for (var j = 0; j < s.Hidden; j++) element(operands, y, b, j, s.Hidden, s.Batch * s.Hidden);
                    }
                });

            Add(OpNames.LstmCell, LstmCell);
            Add(OpNames.LstmCellBackward, LstmCellBackward);
            Add(OpNames.GruCell, GruCell);
            Add(OpNames.GruCellBackward, GruCellBackward);
        }
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    /// <summary>Element (b, j) of gate block k of a [b, gates·h] operand.</summary>
    private static double Gate(Tensor t, int gates, int k, int b, int j, int h) => At(t, (b * gates + k) * h + j);

    private static void LstmCell(Tensor[] x, Tensor y, int b, int j, int h, int plane)
    {
        double Pre(int k) => Gate(x[0], 4, k, b, j, h) + Gate(x[1], 4, k, b, j, h);
        var (i, f, g, o) = (Sigmoid(Pre(0)), Sigmoid(Pre(1)), Math.Tanh(Pre(2)), Sigmoid(Pre(3)));
        var c = f * At(x[2], b * h + j) + i * g;
        double[] planes = [o * Math.Tanh(c), c, i, f, g, o];
        for (var k = 0; k < planes.Length; k++) Set(y, k * plane + b * h + j, planes[k]);
    }

    private static void LstmCellBackward(Tensor[] x, Tensor y, int b, int j, int h, int plane)
    {
        var at = b * h + j;
        double Saved(int k) => At(x[3], k * plane + at);
        var (c, i, f, g, o) = (Saved(1), Saved(2), Saved(3), Saved(4), Saved(5));
        var (gradH, tc) = (At(x[0], at), Math.Tanh(c));
        var dc = At(x[1], at) + gradH * o * (1 - tc * tc);
        double[] row = [dc * g * i * (1 - i), dc * At(x[2], at) * f * (1 - f), dc * i * (1 - g * g), gradH * tc * o * (1 - o), dc * f];
        for (var k = 0; k < row.Length; k++) Set(y, (b * 5 + k) * h + j, row[k]);
    }

    private static void GruCell(Tensor[] x, Tensor y, int b, int j, int h, int plane)
    {
        var r = Sigmoid(Gate(x[0], 3, 0, b, j, h) + Gate(x[1], 3, 0, b, j, h));
        var z = Sigmoid(Gate(x[0], 3, 1, b, j, h) + Gate(x[1], 3, 1, b, j, h));
        var n = Math.Tanh(Gate(x[0], 3, 2, b, j, h) + r * Gate(x[1], 3, 2, b, j, h));
        double[] planes = [(1 - z) * n + z * At(x[2], b * h + j), r, z, n];
        for (var k = 0; k < planes.Length; k++) Set(y, k * plane + b * h + j, planes[k]);
    }

    private static void GruCellBackward(Tensor[] x, Tensor y, int b, int j, int h, int plane)
    {
        var at = b * h + j;
        var (r, z, n) = (At(x[3], plane + at), At(x[3], 2 * plane + at), At(x[3], 3 * plane + at));
        var gradH = At(x[0], at);
        var an = gradH * (1 - z) * (1 - n * n);
        var ar = an * Gate(x[2], 3, 2, b, j, h) * r * (1 - r);
        var az = gradH * (At(x[1], at) - n) * z * (1 - z);
        double[] row = [ar, az, an, ar, az, an * r, gradH * z];
        for (var k = 0; k < row.Length; k++) Set(y, (b * 7 + k) * h + j, row[k]);
    }
}
