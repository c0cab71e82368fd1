namespace Grimoire.Tests.Fuzzing;

/// <summary>Values a mutator writes where a file expects something particular: metadata strings that are numbers
/// written every wrong way, JSON of the wrong shape, names of other models and optimizers, plus valid values so
/// that loads which should succeed are exercised too.</summary>
internal static class HostileValues
{
    public static readonly string[] MetadataStrings =
    [
        "", " ", "abc", "0", "1", "2", "-1", "+1", "007", "1.5", "3 ", " 3", "0x10", "1,5", "１",
        "2147483647", "2147483648", "99999999999", "-2147483648",
        "NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e-320", "0.01", "1e308", "-0",
        "null", "[]", "{}", "[1,2]", "[null]", "[\"a\",\"a\"]", "[\"x0\"]", "\"x\"", "[", "[\"sepal_length_cm\"]",
        "multinomial", "ovr", "auto", "linear-regression", "ridge", "kmeans", "kmedians", "logistic-regression", "svm",
        "Adam", "AdamW", "Sgd", "grimoire-model", "grimoire-checkpoint", "\0", "é", new string('9', 400),
    ];

    /// <summary>JSON values of every type, for fields that expect one in particular.</summary>
    public static readonly string[] Json =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e400", "-0", "\"3\"", "\"F64\"", "[]", "[1]", "[[1]]", "{}", "{\"a\":1}",
        "2147483647", "2147483648", "4294967296", "9007199254740993", "9223372036854775807", "18446744073709551616", "-9223372036854775809",
    ];

    /// <summary>Integers for shape dimensions and offsets: edges of int, long and double precision, and negatives.</summary>
    public static readonly long[] Integers =
    [
        0, 1, 2, 3, 7, 8, 9, 255, 65536, 715827883, int.MaxValue, int.MaxValue + 1L, uint.MaxValue, 1L << 53, long.MaxValue,
        -1, -8, int.MinValue, long.MinValue,
    ];

    public static readonly string[] DTypes = ["F64", "F32", "I32", "F16", "BF16", "I64", "U8", "BOOL", "f64", "", "F8_E4M3"];

    /// <summary>Values written over a stored element: the non-finite ones, the extremes, and signed zero.</summary>
    public static readonly double[] Doubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, 1e200, -1e200, double.Epsilon, -0.0, 0];

    /// <summary>Byte sequences that are not UTF-8: bad lead bytes, a lone continuation, an overlong encoding, an
    /// encoded surrogate, a sequence cut short.</summary>
    public static readonly byte[][] InvalidUtf8 = [[0xFF], [0xFE], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80]];
}
