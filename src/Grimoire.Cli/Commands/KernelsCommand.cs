using System.CommandLine;
using Grimoire.Imaging;
using Grimoire.Kernels;
using Grimoire.Ops;

namespace Grimoire.Cli.Commands;

/// <summary>`grimoire kernels`: every registered kernel with backend, ISA, priority, whether it can run
/// here, and which one dispatch picks; then one "decomposed" row per op that declares a decomposition, which runs on any
/// device and dtype that has no usable kernel for the op.</summary>
internal static class KernelsCommand
{
    public static Command Create(TextWriter output)
    {
        var opOption = new Option<string?>("--op") { Description = "Only kernels of this op (e.g. matmul)" };
        var command = new Command("kernels", "List every registered kernel and whether it is usable on this machine") { opOption };
        command.SetAction(parse =>
        {
            var only = parse.GetValue(opOption);
            var kernels = KernelRegistry.All.Where(k => only is null || k.Info.Op == only).ToList();
            if (kernels.Count == 0) throw new KernelNotFoundException($"no kernels registered for op '{only}'; known ops: {string.Join(", ", OpNames.All)}");
            var order = OpNames.All.Select((op, i) => (op, i)).ToDictionary(p => p.op, p => p.i);
            var table = new TextTable(["op", "dtype", "variant", "backend", "device", "isa", "prio", "status"], 6);
            foreach (var k in kernels.OrderBy(k => order.GetValueOrDefault(k.Info.Op, int.MaxValue)).ThenBy(k => k.Info.Op).ThenBy(k => k.Info.DType).ThenByDescending(k => k.Info.Priority))
            {
                var info = k.Info;
                // A device whose kernels are all unusable (gpu without an accelerator) has nothing to select.
                var why = info.UnavailableReason;
                var selected = why is null && ReferenceEquals(KernelRegistry.Resolve(info.Op, new Device(info.Device), info.DType), k);
                var status = why is not null ? $"unavailable: {why}" : selected ? "usable, selected" : "usable";
                table.Add(info.Op, info.DType.Name(), info.Variant, info.Backend, info.Device, info.Isa.Name(), info.Priority.ToString(), status);
            }
            foreach (var op in kernels.Select(k => k.Info.Op).Distinct().Where(KernelRegistry.HasDecomposition))
                table.Add(op, "any", KernelRegistry.DecomposedVariant, "core", "any", "-", "-", "fallback where no kernel is usable");
            table.WriteTo(output);
            var ops = kernels.Select(k => k.Info.Op).Distinct().Count();
            output.WriteLine($"{kernels.Count} kernels for {ops} ops; {kernels.Count(k => k.Info.IsUsable)} usable here.");
            return 0;
        });
        return command;
    }
}
