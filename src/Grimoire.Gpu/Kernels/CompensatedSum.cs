namespace Grimoire.Gpu.Kernels;

/// <summary>Kahan summation of one GPU thread's chain of float adds: a thread of a group reduction adds length / group
/// size terms, too many for plain float adds when they all lean one way (a long row of equal values).</summary>
internal struct CompensatedSum
{
    public float Sum;
    private float _compensation;

    public void Add(float value)
    {
        var corrected = value - _compensation;
        var t = Sum + corrected;
        _compensation = float.IsFinite(t) ? t - Sum - corrected : 0f; // past an infinity the plain sum's inf or NaN stands
        Sum = t;
    }
}
