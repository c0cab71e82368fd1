namespace Grimoire.Models;

/// <summary>Moving training data to the run's device.</summary>
public static class Placement
{
    /// <summary>The tensor on <paramref name="device"/>; a host original that was moved is released.</summary>
    public static Tensor OnDevice(this Tensor t, Device device)
    {
        if (t.Device == device) return t;
        using (t) return t.To(device);
    }
}
