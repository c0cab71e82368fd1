using Grimoire.Ml.Models.Settings;

namespace Grimoire.Models.Networks;

/// <summary>Where a network trains (the "device" setting).</summary>
public enum TrainingDevice
{
    /// <summary>The CPU kernels.</summary>
    [Setting("cpu")]
    Cpu,

    /// <summary>The GPU backend: CUDA, else OpenCL, else ILGPU's CPU simulator.</summary>
    [Setting("gpu")]
    Gpu,
}
