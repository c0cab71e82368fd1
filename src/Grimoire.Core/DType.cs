namespace Grimoire;

/// <summary>Element types. Float32 is the working type, Float64 serves references and gradient checks,
/// Int32 holds indices and labels.</summary>
public enum DType
{
    /// <summary>32-bit IEEE float, the working type of kernels and models.</summary>
    Float32,

    /// <summary>64-bit IEEE float: references, gradient checks and the classical models.</summary>
    Float64,

    /// <summary>32-bit signed integer: indices, labels and comparison masks of int32 tensors.</summary>
    Int32,
}

/// <summary>Size and naming of <see cref="DType"/> values.</summary>
public static class DTypeExtensions
{
    /// <summary>Bytes per element: 4 or 8.</summary>
    public static int SizeInBytes(this DType dtype) => dtype switch
    {
        DType.Float32 => 4,
        DType.Float64 => 8,
        DType.Int32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>True for Float32 and Float64, the dtypes that ops with a gradient accept.</summary>
    public static bool IsFloating(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>The dtype whose CLR element type is <typeparamref name="T"/>.</summary>
    public static DType Of<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? DType.Float32
        : typeof(T) == typeof(double) ? DType.Float64
        : typeof(T) == typeof(int) ? DType.Int32
        : throw new DTypeException($"type {typeof(T).Name} is not a tensor element type (float, double or int)");

    /// <summary>Short name for messages and listings: "f32", "f64", "i32".</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "f32",
        DType.Float64 => "f64",
        DType.Int32 => "i32",
        _ => dtype.ToString(),
    };
}
