using Grimoire.Ml.Models.Settings;

namespace Grimoire.Models.Networks;

/// <summary>Where a network trains (the "device" setting).</summary>
public enum TrainingDevice
{
    /// <summary>The CPU kernels.</summary>
    [Setting("cpu")]
    Cpu,

    /// <summary>The GPU backend on a real accelerator: CUDA, else OpenCL.</summary>
    [Setting("gpu")]
    Gpu,

    /// <summary>The GPU backend's kernels on ILGPU's CPU simulator (slow; for tests).</summary>
    [Setting("gpu-sim")]
    GpuSimulator,
}
