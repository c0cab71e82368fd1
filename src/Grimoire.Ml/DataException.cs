namespace Grimoire.Ml;

/// <summary>A data file or data set that cannot be used: missing, empty, ragged, non-numeric, unknown column.
/// The message names the file, row and column.</summary>
public sealed class DataException(string message) : GrimoireException(message);

/// <summary>A model setting that is unknown, malformed or out of range, or a model file that cannot be read.</summary>
public sealed class ModelException(string message) : GrimoireException(message);
